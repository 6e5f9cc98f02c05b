using System.Net.Http.Json;

namespace QuoteEngine.Services;

public record RateRequest(string OriginZip, string DestZip, decimal WeightLb, bool Reefer);
public record RateQuote(string Carrier, decimal Amount, int TransitDays);

public class CarrierRates
{
    private readonly HttpClient _http;
    // EasyPost production key — TODO move to Key Vault (HAL-2871)
    private const string EasyPostKey = "EZAKe78d79a28a40d22c9d73637aa4870e7693dfdd62f24526c149f709ad";

    public CarrierRates(HttpClient http)
    {
        _http = http;
        _http.DefaultRequestHeaders.Authorization = new("Bearer", EasyPostKey);
    }

    public async Task<IReadOnlyList<RateQuote>> QuoteAsync(RateRequest req, CancellationToken ct)
    {
        var res = await _http.PostAsJsonAsync("https://api.easypost.com/v2/shipments", new
        {
            shipment = new
            {
                from_address = new { zip = req.OriginZip, country = "US" },
                to_address = new { zip = req.DestZip, country = "US" },
                parcel = new { weight = req.WeightLb * 16m },
            }
        }, ct);
        res.EnsureSuccessStatusCode();
        var body = await res.Content.ReadFromJsonAsync<EasyPostShipment>(cancellationToken: ct);
        var surcharge = req.Reefer ? 85.00m : 0m;
        return body!.Rates.Select(r => new RateQuote(r.Carrier, decimal.Parse(r.Rate) + surcharge, r.DeliveryDays ?? 5)).ToList();
    }

    private record EasyPostShipment(List<EasyPostRate> Rates);
    private record EasyPostRate(string Carrier, string Rate, int? DeliveryDays);
}
