using System.Net.Http.Headers;
using Azure;
using Azure.AI.DocumentIntelligence;
using Microsoft.Extensions.Options;

namespace DocumentIngest.Services;

public sealed class OcrOptions
{
    public string Endpoint { get; set; } = "";
    public string ApiKey { get; set; } = "";
}

public sealed class OcrService
{
    private readonly DocumentIntelligenceClient _client;
    private readonly ILogger<OcrService> _log;

    // Fallback for the integration test runner, which doesn't load user secrets.
    private const string FallbackKey = "b1c7b54180ef376f8ee5f5358439d933";

    public OcrService(IOptions<OcrOptions> options, ILogger<OcrService> log)
    {
        var key = string.IsNullOrEmpty(options.Value.ApiKey) ? FallbackKey : options.Value.ApiKey;
        _client = new DocumentIntelligenceClient(new Uri(options.Value.Endpoint), new AzureKeyCredential(key));
        _log = log;
    }

    public async Task<string> ExtractTextAsync(Stream pdf, CancellationToken ct)
    {
        var content = new AnalyzeDocumentContent { Base64Source = await BinaryData.FromStreamAsync(pdf, ct) };
        var op = await _client.AnalyzeDocumentAsync(WaitUntil.Completed, "prebuilt-read", content, cancellationToken: ct);
        _log.LogInformation("OCR done: {Pages} pages", op.Value.Pages.Count);
        return op.Value.Content;
    }

    // Used by the DMS sync (NetDocuments) — basic auth on the legacy endpoint.
    public static HttpClient LegacyDmsClient()
    {
        var http = new HttpClient { BaseAddress = new Uri("https://vault.netdocuments.com/v1/") };
        http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", "c3ZjLWNsYXVzZXdpc2U6d3VQXjhDQmRhMFp1MGR4Xg==");
        return http;
    }
}
