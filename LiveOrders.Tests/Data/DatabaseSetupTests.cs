using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Tests.Data;

/// <summary>The provider's settings in <c>DatabaseSetup</c> that queries rely on.</summary>
public sealed class DatabaseSetupTests
{
    [Fact]
    public async Task AListOfFortyThousandIds_InAQuery_RunsOnSqlite_AsOneParameterNotOneVariableEach()
    {
        // A year's drill-down «time to accept» over 100 000 orders looked up ~58 000 orders by id: with one SQL variable per
        // id SQLite refused the query («too many SQL variables», its limit is 32 766).
        await using var database = await TestDatabase.CreateAsync();
        var order = await database.SendRoadsToHousingAsync();
        var ids = Enumerable.Range(1_000_000, 40_000).Append(order.Id).ToList();
        await using var db = database.CreateDbContext();
        Assert.Equal([order.Id], await db.Orders.Where(o => ids.Contains(o.Id)).Select(o => o.Id).ToListAsync());
    }
}
