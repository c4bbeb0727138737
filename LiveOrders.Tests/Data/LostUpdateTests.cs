using LiveOrders.Core;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LiveOrders.Tests.Data;

/// <summary>
/// No lost updates (issue 11): two changes of the same order version, launched together, never both win; the loser is told
/// of the conflict, and the history holds exactly the winners' changes. 10 000 pairs run in <c>bench/lost-updates</c>.
/// </summary>
public sealed class LostUpdateTests
{
    [Fact]
    public async Task FiveHundredPairsOfCorrectionsOfTheSameVersion_EachHasOneWinnerAndOneConflict_AndTheHistoryHasNoGapsOrDoubles()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (order, start, lastEvent) = await SentOrderAsync(database);

        var pairs = await ConflictingPairs.RunAsync(database.Orders, database.RoadsHead, order, start, 500);

        var history = await ConflictingPairs.HistoryAsync(database, order, lastEvent);
        Assert.Empty(ConflictingPairs.Check(pairs, start, await database.VersionOfAsync(order), history));
        Assert.Equal(500, pairs.Count);
        Assert.Equal(500, history.Count);
    }

    [Fact]
    public async Task WhenBothSidesReadTheVersionBeforeEitherSaves_TheDatabaseRefusesTheSecondWrite_AsAConflict()
    {
        // The use case checks the version it read before it writes; that check alone cannot stop two that read at once.
        // Here each save waits until both sides of the pair are about to save: both passed the check, and only the
        // concurrency token in the UPDATE can refuse one. Every pair must end with one winner and one conflict.
        await using var database = await TestDatabase.CreateAsync();
        var (order, start, lastEvent) = await SentOrderAsync(database);
        var rendezvous = new SaveRendezvous();
        database.AddInterceptor(rendezvous);

        var pairs = await ConflictingPairs.RunAsync(database.Orders, database.RoadsHead, order, start, 100);

        var history = await ConflictingPairs.HistoryAsync(database, order, lastEvent);
        Assert.Empty(ConflictingPairs.Check(pairs, start, await database.VersionOfAsync(order), history));
        Assert.Equal(100, pairs.Count);
        Assert.Equal(100, rendezvous.Met);
        Assert.Equal(100, rendezvous.RefusedByToken);
    }

    [Fact]
    public async Task TheExecutorAcceptsAsTheAuthorCancels_OnAHundredOrders_OneOfTheTwoHappensAndTheOtherIsAConflict()
    {
        // Two status changes by two people on the version both saw: never an accepted order that is also cancelled.
        await using var database = await TestDatabase.CreateAsync();
        var orders = new List<(int Id, int Version, long LastEvent)>();
        for (var i = 0; i < 100; i++) orders.Add(await SentOrderAsync(database));

        var outcomes = new List<(int Id, int Version, long LastEvent, Result<int> Accept, Result<int> Cancel)>();
        foreach (var (id, version, lastEvent) in orders)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var accept = Task.Run(async () => { await gate.Task; return await database.Orders.ExecuteAsync(database.HousingHead, id, version, new AcceptOrder()); });
            var cancel = Task.Run(async () =>
            {
                await gate.Task;
                return await database.Orders.ExecuteAsync(database.RoadsHead, id, version, new CancelOrder("Больше не нужно"));
            });
            gate.SetResult();
            outcomes.Add((id, version, lastEvent, await accept, await cancel));
        }

        foreach (var (id, version, lastEvent, accept, cancel) in outcomes)
        {
            var (winner, loser, kind, status) = accept.Ok
                ? (accept, cancel, OrderEventKind.Accepted, OrderStatus.InProgress)
                : (cancel, accept, OrderEventKind.Cancelled, OrderStatus.Cancelled);
            Assert.True(winner.Ok, $"order {id}: neither won ({accept.Failure}, {cancel.Failure})");
            Assert.Equal(Failure.Conflict, loser.Failure);
            Assert.Equal(version + 1, winner.Value);
            Assert.Equal(version + 1, await database.VersionOfAsync(id));
            var history = await ConflictingPairs.HistoryAsync(database, id, lastEvent);
            Assert.Equal(kind, Assert.Single(history).Kind);
            await using var db = database.CreateDbContext();
            Assert.Equal(status, await db.Orders.Where(o => o.Id == id).Select(o => o.Status).SingleAsync());
        }
    }

    private static async Task<(int Order, int Version, long LastEvent)> SentOrderAsync(TestDatabase database)
    {
        var order = (await database.SendRoadsToHousingAsync()).Id;
        await using var db = database.CreateDbContext();
        var lastEvent = await db.OrderEvents.Where(e => e.OrderId == order).MaxAsync(e => e.Id);
        return (order, await database.VersionOfAsync(order), lastEvent);
    }

    /// <summary>Holds each save until a second one arrives (two at a time), and counts the saves the version token refused.</summary>
    private sealed class SaveRendezvous : SaveChangesInterceptor
    {
        private readonly Barrier _barrier = new(2);
        private int _passed;
        private int _refused;
        /// <summary>Pairs whose two saves met (both sides had read the version and were about to write).</summary>
        public int Met => Volatile.Read(ref _passed) / 2;
        public int RefusedByToken => Volatile.Read(ref _refused);

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            // A minute is far beyond any pair; reaching it means a side never came to save, which the counts then show.
            if (_barrier.SignalAndWait(TimeSpan.FromMinutes(1))) Interlocked.Increment(ref _passed);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _refused);
            return ValueTask.FromResult(result);
        }
    }
}
