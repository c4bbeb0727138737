using LiveOrders.Core.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace LiveOrders.Migrations.PostgreSql;

/// <summary>
/// The dotnet-ef tool's context when this project is the startup project (docs/decisions/013): Core's design-time factory
/// with the provider set to PostgreSQL, so <c>dotnet ef migrations add X --project LiveOrders.Migrations.PostgreSql</c>
/// needs no further arguments. Core cannot be the startup project here: the tool looks for the migrations assembly in
/// the startup project's output, and Core does not reference this project (it references Core).
/// </summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<LiveOrdersDbContext>
{
    public LiveOrdersDbContext CreateDbContext(string[] args) =>
        new DesignTimeDbContextFactory().CreateDbContext(["--provider", "PostgreSQL", .. args]);
}
