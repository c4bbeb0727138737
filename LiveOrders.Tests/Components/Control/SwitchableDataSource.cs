using LiveOrders.Core.Data;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Tests.Components.Control;

/// <summary>The test database behind a switch: while it is down, every query fails as with a lost database server.</summary>
public sealed class SwitchableDataSource(TestDatabase database) : IDbContextFactory<LiveOrdersDbContext>
{
    public bool Down { get; set; }

    public LiveOrdersDbContext CreateDbContext() =>
        Down ? throw new InvalidOperationException("The database is unreachable (test).") : database.CreateDbContext();
}
