using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LiveOrders.Core.Data;

/// <summary>
/// What the dotnet-ef tool builds the context with (docs/decisions/002). Core is its own startup project,
/// so the tool never starts the web host: no demo seeding, no background services, no configuration to find.
/// The connection is only used by commands that touch a database (`database update`); `migrations add`
/// and `has-pending-model-changes` read the model alone.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<LiveOrdersDbContext>
{
    public LiveOrdersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LiveOrdersDbContext>()
            .UseLiveOrdersDatabase(args.FirstOrDefault() ?? "Data Source=liveorders-design.db").Options);
}
