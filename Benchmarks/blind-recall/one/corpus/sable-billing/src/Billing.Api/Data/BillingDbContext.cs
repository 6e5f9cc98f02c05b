using Microsoft.EntityFrameworkCore;

namespace Billing.Api.Data;

public class BillingDbContext : DbContext
{
    public BillingDbContext(DbContextOptions<BillingDbContext> options) : base(options) { }

    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Bill> Bills => Set<Bill>();
    public DbSet<MeterRead> MeterReads => Set<MeterRead>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        if (!optionsBuilder.IsConfigured)
        {
            // design-time only (dotnet ef migrations)
            var builder = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder
            {
                DataSource = "localhost,1433",
                InitialCatalog = "billing",
                UserID = "sa",
                Password = "Hkr_9a_jlp3KiOdF",
                TrustServerCertificate = true,
            };
            optionsBuilder.UseSqlServer(builder.ConnectionString);
        }
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Account>().HasIndex(a => a.AccountNumber).IsUnique();
        b.Entity<Bill>().Property(x => x.AmountCents).HasColumnType("bigint");
    }
}
