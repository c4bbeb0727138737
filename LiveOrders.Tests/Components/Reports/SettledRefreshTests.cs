using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Reports;

namespace LiveOrders.Tests.Components.Reports;

/// <summary>The reports' live recomputation: one per burst, never two at once, none after the page is gone.</summary>
public sealed class SettledRefreshTests
{
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero));
    private readonly List<TaskCompletionSource> _running = [];

    private SettledRefresh Create() => new(_clock, work => work(), () =>
    {
        var run = new TaskCompletionSource();   // finishing it runs the rest of the recomputation at once
        lock (_running) _running.Add(run);
        return run.Task;
    });

    [Fact]
    public void ChangesWithinTheWait_JoinIt_AndOneRecomputationRuns_WhenItEnds()
    {
        using var refresh = Create();

        refresh.Request();
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        refresh.Request();
        refresh.Request();
        Assert.Equal(0, refresh.Runs);

        _clock.Advance(TimeSpan.FromSeconds(0.5));                    // 2 s after the first: not after the last
        Assert.Equal(1, refresh.Runs);
        _running[0].SetResult();
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, refresh.Runs);
    }

    [Fact]
    public void AChangeDuringARecomputation_StartsTheNextWait_OnlyOnceItHasFinished()
    {
        using var refresh = Create();
        refresh.Request();
        _clock.Advance(SettledRefresh.Settle);
        Assert.Equal(1, refresh.Runs);

        refresh.Request();                                              // while the first still runs
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, refresh.Runs);                                  // never two at once

        _running[0].SetResult();
        Assert.Equal(1, refresh.Runs);                                  // the next one waits its 2 s too
        _clock.Advance(SettledRefresh.Settle);
        Assert.Equal(2, refresh.Runs);
    }

    [Fact]
    public void AfterDisposal_NothingRuns()
    {
        var refresh = Create();
        refresh.Request();

        refresh.Dispose();
        _clock.Advance(TimeSpan.FromSeconds(10));
        refresh.Request();
        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(0, refresh.Runs);
        Assert.Equal(0, _clock.PendingTimers);
    }
}
