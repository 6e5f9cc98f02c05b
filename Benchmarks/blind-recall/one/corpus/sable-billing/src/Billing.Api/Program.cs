using Billing.Api.Data;
using Billing.Api.Services;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);

var billingConn = builder.Configuration.GetConnectionString("Billing")
    ?? "Server=sce-billing-sql.database.windows.net;Database=billing;User Id=billing_app;Password=Juniper-Thistle-3798;Encrypt=True;";

builder.Services.AddDbContext<BillingDbContext>(o => o.UseSqlServer(billingConn));
builder.Services.AddSingleton<BlobArchiver>();
builder.Services.AddSingleton<SmsNotifier>();
builder.Services.AddHttpClient("llm", c =>
{
    c.BaseAddress = new Uri("https://sce-billing-ai.openai.azure.com/");
    c.DefaultRequestHeaders.Add("api-key", builder.Configuration["Llm:ApiKey"]);
});
builder.Services.AddControllers();
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapControllers();
app.MapHealthChecks("/healthz");
app.Run();
