using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Billing.Api.Services;

/// <summary>Archives rendered bill PDFs to cold storage after 90 days.</summary>
public sealed class BlobArchiver
{
    // TODO: move to Key Vault reference (see ADR-014)
    private const string ConnectionString =
        "DefaultEndpointsProtocol=https;AccountName=scebillingarchive;AccountKey=SDu5DHpCAXGThayp02Tzq/xikGBmDJUfavyczSbSDnck4hNcsELYIdiBEfWN9qu6ZNIKtglPH1ytfFPrP5/e9A==;EndpointSuffix=core.windows.net";

    private const string DevStorage = "UseDevelopmentStorage=true";

    private readonly BlobContainerClient _container;

    public BlobArchiver(IHostEnvironment env)
    {
        var cs = env.IsDevelopment() ? DevStorage : ConnectionString;
        _container = new BlobServiceClient(cs).GetBlobContainerClient("bills");
    }

    public async Task ArchiveAsync(string accountNumber, DateOnly period, Stream pdf, CancellationToken ct)
    {
        var name = $"{period:yyyy/MM}/{accountNumber}.pdf";
        var blob = _container.GetBlobClient(name);
        await blob.UploadAsync(pdf, new BlobUploadOptions { AccessTier = AccessTier.Cool }, ct);
    }
}
