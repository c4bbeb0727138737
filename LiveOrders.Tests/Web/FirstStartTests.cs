using System.Net;
using LiveOrders.Core.Data;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>The first start on an empty database, on whichever provider the run is on (SQLite or PostgreSQL).</summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task AnEmptyDatabase_IsMigratedAndSeeded_AndAHeadSignsInAndSeesTheBoard()
    {
        await using var app = new LiveOrdersApp { EmptyDatabase = true };
        var client = await app.SignedInAsync("zkh.head");

        var board = await client.GetAsync("/board");
        Assert.Equal(HttpStatusCode.OK, board.StatusCode);
        var html = await board.Content.ReadAsStringAsync();
        Assert.Contains("Доска: ЖКХ", html);

        using var scope = app.Services.CreateScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>().CreateDbContextAsync();
        Assert.Equal(TestProvider.IsPostgreSql, db.Database.IsNpgsql());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.True(await db.Orders.CountAsync() > 20, "the demo municipality's orders");
        Assert.Contains(await db.Orders.Select(o => o.Number).ToListAsync(), n => html.Contains(n));
    }
}
