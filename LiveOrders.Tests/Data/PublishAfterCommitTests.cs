using System.Data.Common;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LiveOrders.Tests.Data;

/// <summary>
/// A change that committed reaches every screen even when its caller goes away right after the commit
/// (an API client that disconnects cancels the request's token).
/// </summary>
public sealed class PublishAfterCommitTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private readonly CancelOnCommit _disconnect = new();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _db.AddInterceptor(_disconnect);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task ATransition_WhoseCallerDisconnectsRightAfterTheCommit_IsStillPublished()
    {
        var order = await _db.SendRoadsToHousingAsync();
        var version = await _db.VersionOfAsync(order.Id);
        using var request = new CancellationTokenSource();
        _disconnect.Arm(request);

        var result = await _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, version, new AcceptOrder(), request.Token);

        Assert.True(request.IsCancellationRequested);                   // the token did go off, right after the commit
        Assert.True(result.Ok, result.Message);
        Assert.Equal(version + 1, await _db.VersionOfAsync(order.Id));
        var published = Assert.Single(_db.Feed.Published, c => c.OrderId == order.Id && c.Kind == OrderChangeKind.Transition);
        Assert.Equal(OrderEventKind.Accepted, published.Event);
        Assert.Equal(OrderStatus.InProgress, published.Card!.Status);
    }

    [Fact]
    public async Task ACreation_WhoseCallerDisconnectsRightAfterTheCommit_IsStillPublished()
    {
        using var request = new CancellationTokenSource();
        _disconnect.Arm(request);

        var result = await _db.Orders.CreateAsync(_db.RoadsHead, new NewOrder("Покрасить забор", null, [_db.Housing.Id, _db.Finance.Id],
            Priority.Normal, _db.Time.UtcNow.AddDays(2)), request.Token);

        Assert.True(request.IsCancellationRequested);
        Assert.True(result.Ok, result.Message);
        var created = _db.Feed.Published.Where(c => c.Kind == OrderChangeKind.Created).ToList();
        Assert.Equal(result.Value!.Select(o => o.Id).Order(), created.Select(c => c.OrderId).Order());
        Assert.All(created, c => Assert.Equal("Покрасить забор", c.Card!.Title));
    }

    /// <summary>Cancels the armed token the moment a transaction has committed, once: the client hangs up then.</summary>
    private sealed class CancelOnCommit : DbTransactionInterceptor
    {
        private CancellationTokenSource? _armed;

        public void Arm(CancellationTokenSource source) => _armed = source;

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
        {
            Interlocked.Exchange(ref _armed, null)?.Cancel();
            return Task.CompletedTask;
        }

        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
            Interlocked.Exchange(ref _armed, null)?.Cancel();
    }
}
