using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveOrders.Tests.Core;

public sealed class LiveFeedTests
{
    private static OrderChanged Change(int orderId, int department = 20) =>
        new(OrderChangeKind.Transition, orderId, 2, new OrderAudience(OrderStatus.InProgress, 1, 10, department, null, []),
            null, 1, OrderFactory.Now);

    [Fact]
    public async Task ASlowSubscriber_DoesNotDelayThePublisherOrTheOthers_AndIsToldToResyncWhenItFellBehind()
    {
        var feed = new InProcessLiveFeed(NullLogger<InProcessLiveFeed>.Instance);
        var stuck = new TaskCompletionSource();
        var slowGot = new List<OrderChangeKind>();
        var slowResynced = new TaskCompletionSource();
        var fastGot = new TaskCompletionSource<int>();
        using var slow = feed.Subscribe(_ => true, async c =>
        {
            await stuck.Task;  // blocked until the test lets it go
            slowGot.Add(c.Kind);
            if (c.Kind == OrderChangeKind.Resync) slowResynced.TrySetResult();
        });
        using var broken = feed.Subscribe(_ => true, _ => throw new InvalidOperationException("сломан"));
        using var fast = feed.Subscribe(c => c.OrderId == 1, c => { fastGot.TrySetResult(c.OrderId); return Task.CompletedTask; });

        // Far more than a queue holds: Publish never waits for anyone.
        for (var i = 1; i <= InProcessLiveFeed.QueueCapacity * 3; i++) feed.Publish(Change(i));

        Assert.Equal(1, await fastGot.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        stuck.SetResult();
        await slowResynced.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(slowGot.Count < InProcessLiveFeed.QueueCapacity * 3, "the backlog was replaced by a resync");
    }

    [Fact]
    public async Task ASubscriber_ReceivesOnlyWhatItsFilterLetsThrough_InOrder()
    {
        var feed = new InProcessLiveFeed(NullLogger<InProcessLiveFeed>.Instance);
        var got = new List<int>();
        var done = new TaskCompletionSource();
        using var _ = feed.Subscribe(c => c.Audience.ExecutingDepartmentId == 20, c =>
        {
            got.Add(c.OrderId);
            if (c.OrderId == 5) done.SetResult();
            return Task.CompletedTask;
        });

        feed.Publish(Change(1));
        feed.Publish(Change(2, department: 30));
        feed.Publish(Change(3));
        feed.Publish(Change(4, department: 30));
        feed.Publish(Change(5));

        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([1, 3, 5], got);
    }

    [Fact]
    public async Task ADisposedSubscription_ReceivesNothingMore()
    {
        var feed = new InProcessLiveFeed(NullLogger<InProcessLiveFeed>.Instance);
        var count = 0;
        var subscription = feed.Subscribe(_ => true, _ => { Interlocked.Increment(ref count); return Task.CompletedTask; });
        subscription.Dispose();

        feed.Publish(Change(1));
        await Task.Delay(50); // nothing can arrive: the subscriber is gone before the publish

        Assert.Equal(0, count);
        Assert.Equal(0, feed.SubscriberCount);
    }
}
