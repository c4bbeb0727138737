namespace LiveOrders.Tests.Support;

/// <summary>
/// A clock the test moves by hand, with timers that fire when it is moved past them
/// (Microsoft.Extensions.TimeProvider.Testing is not in the feed).
/// </summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() { lock (_gate) return _now; }

    /// <summary>How many timers wait on this clock (a service's delay is set up when this grows).</summary>
    public int PendingTimers { get { lock (_gate) return _timers.Count; } }

    public void Advance(TimeSpan by) => Set(GetUtcNow() + by);

    public void Set(DateTimeOffset to)
    {
        List<FakeTimer> due;
        lock (_gate)
        {
            _now = to;
            due = _timers.Where(t => t.DueAt <= to).ToList();
        }
        foreach (var timer in due) timer.Fire();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class FakeTimer(FakeClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        public DateTimeOffset DueAt { get; private set; } = DateTimeOffset.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                DueAt = clock._now + dueTime;
                clock._timers.Add(this);
            }
            if (dueTime == TimeSpan.Zero) Fire();
            return true;
        }

        public void Fire()
        {
            lock (clock._gate)
            {
                if (!clock._timers.Remove(this)) return;
                if (_period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
                {
                    DueAt += _period;
                    clock._timers.Add(this);
                }
            }
            callback(state);
        }

        public void Dispose() { lock (clock._gate) clock._timers.Remove(this); }
        public ValueTask DisposeAsync() { Dispose(); return ValueTask.CompletedTask; }
    }
}
