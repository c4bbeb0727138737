namespace LiveOrders.Web.Components.Reports;

/// <summary>
/// Recomputes a report after live changes, a burst at a time. The first change of a burst starts a wait of
/// <see cref="Settle"/> on the clock; changes arriving during the wait join it; when it ends, one recomputation runs.
/// Changes that arrive while it runs start the next wait once it has finished, so recomputations never overlap and a
/// steady stream costs at most one per <see cref="Settle"/> plus its own duration.
/// <para>
/// Why 2 seconds: a year of every department's figures over 100 000 orders takes ~0.5 s (bench/reports/README.md), and
/// one person's action often comes as several changes (a forward, then the acceptance; a bulk send to several
/// departments); 2 s gathers those into one query per open page, while the figure still changes while the person who
/// acted is looking.
/// </para>
/// All state is touched on the component's renderer only: <see cref="Request"/> is called from there, and the timer's
/// tick goes through <c>dispatch</c> (the component's <c>InvokeAsync</c>) before it reads or writes anything.
/// </summary>
public sealed class SettledRefresh(TimeProvider clock, Func<Func<Task>, Task> dispatch, Func<Task> recompute) : IDisposable
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private ITimer? _timer;
    private bool _waiting, _running, _again, _disposed;

    /// <summary>How many recomputations have run (or are running): what a burst of changes cost.</summary>
    public int Runs { get; private set; }

    /// <summary>A change arrived: a recomputation follows, shared with the rest of its burst.</summary>
    public void Request()
    {
        if (_disposed || _waiting) return;
        if (_running)
        {
            _again = true;
            return;
        }
        Wait();
    }

    private void Wait()
    {
        _waiting = true;
        _timer ??= clock.CreateTimer(_ => _ = dispatch(RunAsync), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(Settle, Timeout.InfiniteTimeSpan);
    }

    private async Task RunAsync()
    {
        if (_disposed || !_waiting) return;
        (_waiting, _running, _again) = (false, true, false);
        Runs++;
        try
        {
            await recompute();
        }
        finally
        {
            _running = false;
            if (_again && !_disposed) Wait();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _timer?.Dispose();
    }
}
