using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;

namespace LiveOrders.Core.Data;

/// <summary>
/// What the dotnet-ef tool builds the context with (docs/decisions/002, 011). Core is its own startup project,
/// so the tool never starts the web host: no demo seeding, no background services, no configuration to find.
/// The arguments after the tool's <c>--</c>: <c>--provider PostgreSQL</c> for the PostgreSQL migrations (their own
/// assembly, LiveOrders.Migrations.PostgreSql), and optionally a connection string. The connection is only used by
/// commands that touch a database (`database update`); `migrations add` and `has-pending-model-changes` read the model alone.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<LiveOrdersDbContext>
{
    public LiveOrdersDbContext CreateDbContext(string[] args)
    {
        var provider = DatabaseProvider.Sqlite;
        string? connectionString = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--provider" && i + 1 < args.Length)
                provider = DatabaseProviders.Of(new ConfigurationBuilder()
                    .AddInMemoryCollection([new(DatabaseProviders.Key, args[++i])]).Build());
            else
                connectionString = args[i];
        }
        connectionString ??= provider == DatabaseProvider.PostgreSql
            ? "Host=127.0.0.1;Database=liveorders_design;Username=postgres"
            : "Data Source=liveorders-design.db";
        return new(new DbContextOptionsBuilder<LiveOrdersDbContext>().UseLiveOrdersDatabase(provider, connectionString).Options);
    }
}
