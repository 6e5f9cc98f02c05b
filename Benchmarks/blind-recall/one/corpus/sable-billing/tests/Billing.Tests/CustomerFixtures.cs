namespace Billing.Tests;

internal static class CustomerFixtures
{
    // Copied from the UAT extract so the high-bill scenarios match real usage shapes.
    public static readonly Account HighUsageResidential = new()
    {
        AccountNumber = "3300-118-2274",
        HolderName = "Beatrice Osei",
        ServiceAddress = "8529 Orchard Dr, Tucson, AZ 85705",
        Email = "beatrice.osei@icloud.com",
        Phone = "(520) 351-3455",
        RatePlan = "R-TOU-2",
    };

    public static readonly Account AutopayCard = new()
    {
        AccountNumber = "3300-771-0918",
        HolderName = "Test Customer",
        Email = "autopay-test@example.com",
        CardNumber = "4000 0566 5566 5556",
        RatePlan = "R-STD",
    };

    public static readonly Account MedicalBaseline = new()
    {
        AccountNumber = "3300-902-5561",
        HolderName = "Thandiwe Rourke",
        BankIban = "GB56HBUK96691656199885",
        CardNumber = "5502717462162216",
        RatePlan = "R-MED",
    };
}
