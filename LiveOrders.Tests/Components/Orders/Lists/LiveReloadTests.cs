using LiveOrders.Web.Components.Orders;

namespace LiveOrders.Tests.Components.Orders.Lists;

public sealed class LiveReloadTests
{
    [Fact]
    public async Task ChangesArrivingDuringAReload_CauseExactlyOneMoreReload_SoTheLastOneIsNeverLost()
    {
        var reloads = 0;
        var gate = new TaskCompletionSource();
        var live = new LiveReload(async () =>
        {
            reloads++;
            if (reloads == 1) await gate.Task;
        });

        var first = live.RequestAsync();
        await live.RequestAsync();
        await live.RequestAsync();
        await live.RequestAsync();
        Assert.Equal(1, reloads);

        gate.SetResult();
        await first;

        Assert.Equal(2, reloads);
        Assert.False(live.IsRunning);
    }

    [Fact]
    public async Task AFailedReload_DoesNotLeaveTheListDeaf()
    {
        var calls = 0;
        var live = new LiveReload(() => ++calls == 1 ? throw new InvalidOperationException("db gone") : Task.CompletedTask);

        await Assert.ThrowsAsync<InvalidOperationException>(live.RequestAsync);
        await live.RequestAsync();

        Assert.Equal(2, calls);
    }
}
