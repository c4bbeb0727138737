using LiveOrders.Core;
using LiveOrders.Core.Data;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Tests.Data;

/// <summary>
/// The app's writers to one SQLite file take turns in memory (<see cref="SqliteWriteGate"/>) rather than in SQLite's
/// lock, whose busy handler let a writer that had waited lose the lock to newcomers (bench/throughput). A transaction held
/// open here stands for a writer in the middle of its save; how fast the turns go is the bench's business, not a test's.
/// </summary>
[Trait("Database", TestProvider.SqliteOnly)] // the write gate and busy timeout are SQLite's
public sealed class SqliteWriteGateTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private string _file = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _file = new SqliteConnectionStringBuilder(_db.ConnectionString).DataSource;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task ASecondWriter_WaitsInTheAppsQueue_AndSucceedsOnceTheFirstCommits()
    {
        var order = await _db.SendRoadsToHousingAsync();
        var version = await _db.VersionOfAsync(order.Id);
        await using var first = _db.CreateDbContext();
        await using var transaction = await first.Database.BeginTransactionAsync();

        var second = Task.Run(() => _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, version, new AcceptOrder()));
        await WaitingAsync(1);
        Assert.False(second.IsCompleted);

        await transaction.CommitAsync();
        var accepted = await second;
        Assert.True(accepted.Ok, accepted.Message);
        Assert.Equal(OrderStatus.InProgress, (await first.Orders.AsNoTracking().SingleAsync(o => o.Id == order.Id)).Status);
    }

    [Fact]
    public async Task TwoWritersOfOneVersion_QueuedTogether_OneSucceeds_AndTheOtherIsStillAConflict()
    {
        var order = await _db.SendRoadsToHousingAsync();
        var version = await _db.VersionOfAsync(order.Id);
        await using var first = _db.CreateDbContext();
        await using var transaction = await first.Database.BeginTransactionAsync();

        // Both read the order at the same version (reads take no turn), then both wait to save.
        var accept = Task.Run(() => _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, version, new AcceptOrder()));
        var forward = Task.Run(() => _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, version, new ForwardOrder(_db.Finance.Id, "Не наше")));
        await WaitingAsync(2);
        await transaction.CommitAsync();

        var results = await Task.WhenAll(accept, forward);
        Assert.Single(results, r => r.Ok);
        Assert.Single(results, r => r.Failure == Failure.Conflict);
        Assert.Equal(version + 1, await _db.VersionOfAsync(order.Id));
    }

    [Fact]
    public async Task ReadsDoNotWait_WhileAWriterHoldsItsTurn()
    {
        var order = await _db.SendRoadsToHousingAsync();
        await using var first = _db.CreateDbContext();
        await using var transaction = await first.Database.BeginTransactionAsync();

        var details = await _db.Queries.GetAsync(_db.HousingHead, order.Id);

        Assert.True(details.Ok, details.Message);
        Assert.Equal(0, SqliteWriteGate.Waiting(_file));
    }

    [Fact]
    public async Task SavesInsideAnExplicitTransaction_DoNotWaitForTheirOwnTurn()
    {
        // Several use cases save twice inside one transaction (CreateAsync: the orders, then their notifications).
        var created = await _db.Orders.CreateAsync(_db.RoadsHead, new NewOrder("Два подразделения", null, [_db.Housing.Id, _db.Finance.Id],
            Priority.Normal, _db.Time.UtcNow.AddDays(2)));
        Assert.True(created.Ok, created.Message);

        await using var db = _db.CreateDbContext();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var id = created.Value![0].Id;
            db.OrderComments.Add(OrderComment.Create(id, _db.HousingHead.EmployeeId, "Первое сохранение", _db.Time.UtcNow));
            await db.SaveChangesAsync();
            await db.Orders.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Text, "Внутри транзакции"));
            db.OrderComments.Add(OrderComment.Create(id, _db.HousingHead.EmployeeId, "Второе сохранение", _db.Time.UtcNow));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await using (var check = _db.CreateDbContext())
            Assert.Equal(2, await check.OrderComments.CountAsync(c => c.OrderId == created.Value![0].Id));
        var again = await _db.Orders.ExecuteAsync(_db.HousingHead, created.Value![0].Id, await _db.VersionOfAsync(created.Value![0].Id), new AcceptOrder());
        Assert.True(again.Ok, again.Message);
    }

    [Fact]
    public async Task ATransactionLeftWithoutCommit_GivesItsTurnBack()
    {
        var order = await _db.SendRoadsToHousingAsync();
        var version = await _db.VersionOfAsync(order.Id);
        await using var first = _db.CreateDbContext();
        await using (var transaction = await first.Database.BeginTransactionAsync())
        {
            first.OrderComments.Add(OrderComment.Create(order.Id, _db.HousingHead.EmployeeId, "Не сохранится", _db.Time.UtcNow));
            await first.SaveChangesAsync();
        }

        // The first context is still open; its abandoned transaction must not keep everyone else waiting.
        var accepted = await _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, version, new AcceptOrder());
        Assert.True(accepted.Ok, accepted.Message);
        Assert.False(await first.OrderComments.AnyAsync(c => c.OrderId == order.Id));
    }

    [Fact]
    public async Task AnUpdateOutsideATransaction_TakesItsTurnToo()
    {
        var order = await _db.SendRoadsToHousingAsync();
        await using var first = _db.CreateDbContext();
        await using var transaction = await first.Database.BeginTransactionAsync();

        var update = Task.Run(async () =>
        {
            await using var db = _db.CreateDbContext();
            return await db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Text, "Обновлено"));
        });
        await WaitingAsync(1);
        Assert.False(update.IsCompleted);

        await transaction.CommitAsync();
        Assert.Equal(1, await update);
    }

    /// <summary>Until this many of the app's writers wait for their turn on the file (gives up after a minute: the test fails).</summary>
    private async Task WaitingAsync(int count)
    {
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (SqliteWriteGate.Waiting(_file) < count)
        {
            Assert.False(giveUp.IsCancellationRequested, $"{SqliteWriteGate.Waiting(_file)} writers waiting for their turn, expected {count}");
            await Task.Delay(5);
        }
    }
}
