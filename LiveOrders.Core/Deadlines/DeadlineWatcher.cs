using LiveOrders.Core.Data;
using LiveOrders.Core.Live;
using LiveOrders.Core.Notifications;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveOrders.Core.Deadlines;

/// <summary>
/// Makes deadlines happen on time. It sleeps until the next instant something is due (a reminder,
/// a due time, an escalation), wakes exactly then, records what became true, notifies, and
/// publishes it live. Everything it did is stored on the order, so after a restart it recomputes
/// from the database and neither misses nor repeats anything. Any change to an order wakes it to
/// look again (a new due time may be sooner).
/// <para>
/// Two rules keep it from missing a deadline. It looks at one instant: what is due by <c>now</c> is
/// recorded and the next sleep is computed from the same <c>now</c>, so an order falling due while it
/// works is either recorded or scheduled. And no change is lost while it looks: a change published then is
/// noted, and it looks again at once if that change needs it before it would wake. A change that cannot
/// need it sooner (an order due in days) does not wake it, so a busy office does not keep it looking.
/// </para>
/// </summary>
public sealed class DeadlineWatcher(
    IDbContextFactory<LiveOrdersDbContext> dbFactory,
    MunicipalTime time,
    ILiveFeed feed,
    IOptions<DeadlineOptions> options,
    Mail.NotificationWriter notifications,
    Calendar.IWorkingCalendarSource calendars,
    ILogger<DeadlineWatcher> logger) : BackgroundService
{
    // Its own rules over its own options (a test may give the watcher other options than the app's).
    private readonly DeadlineRules _rules = new(options, calendars, time);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    // Completed by a change that needs the watcher before it would wake by itself; replaced each round.
    private TaskCompletionSource _changed = NewSignal();
    // When the watcher next looks by itself (ticks); long.MinValue while it looks, when changes are only noted.
    private long _wakeAtTicks = long.MinValue;
    // The earliest instant a change noted while looking needs attention (ticks); long.MaxValue when none.
    private long _pendingTicks = long.MaxValue;
    private DeadlineOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var changes = feed.Subscribe(c => c.Kind is OrderChangeKind.Created or OrderChangeKind.Transition, c =>
        {
            if (AttentionFrom(c) is { } at) Note(at.Ticks);
            return Task.CompletedTask;
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            // Changes noted before this point committed before the queries below run: those see them.
            Volatile.Write(ref _wakeAtTicks, long.MinValue);
            Interlocked.Exchange(ref _pendingTicks, long.MaxValue);
            var wakeAt = await LookAsync(stoppingToken);

            var changed = NewSignal();
            Volatile.Write(ref _changed, changed);
            Interlocked.Exchange(ref _wakeAtTicks, wakeAt.Ticks);
            // A change noted while looking may have committed after the queries read: look again if it needs it sooner.
            if (Interlocked.Exchange(ref _pendingTicks, long.MaxValue) <= wakeAt.Ticks) continue;

            var sleep = wakeAt - time.UtcNow;
            if (sleep < TimeSpan.Zero) sleep = TimeSpan.Zero;
            logger.LogDebug("Deadline watcher sleeps {Sleep}", sleep);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var delay = Task.Delay(sleep, time.Clock, timeout.Token);
            await Task.WhenAny(delay, changed.Task.WaitAsync(timeout.Token));
            timeout.Cancel();
            try { await delay; } catch (OperationCanceledException) { }
        }
    }

    /// <summary>
    /// The earliest instant a changed order may need the watcher (its reminder instant), or null when it never
    /// will: it left execution, or the change is the watcher's own stamp. Unknown means now.
    /// </summary>
    private DateTime? AttentionFrom(OrderChanged change)
    {
        if (change.ActorId is null) return null;
        if (change.Card is not { } card) return DateTime.MinValue;
        // The working-time reminder is the earlier of the two: safe even if the type's setting changed since the card was read.
        return card.Status.IsAwaitingExecution() ? _rules.ReminderAt(card.DueAt, workingTime: true) : null;
    }

    /// <summary>Notes a change needing attention from <paramref name="ticks"/>; wakes the sleeping watcher if that is before it would wake.</summary>
    private void Note(long ticks)
    {
        var seen = Volatile.Read(ref _pendingTicks);
        while (ticks < seen)
        {
            var was = Interlocked.CompareExchange(ref _pendingTicks, ticks, seen);
            if (was == seen) break;
            seen = was;
        }
        // After the note (a full fence): either the watcher's exchange finds it, or this sees the new wake instant and signal.
        if (ticks <= Volatile.Read(ref _wakeAtTicks)) Volatile.Read(ref _changed).TrySetResult();
    }

    /// <summary>Records what is due now; returns when to look next by itself (the next instant something falls due, at the latest <see cref="DeadlineOptions.MaxSleep"/> away).</summary>
    private async Task<DateTime> LookAsync(CancellationToken ct)
    {
        try
        {
            var now = time.UtcNow;
            await ProcessDueAsync(now, ct);
            // The same instant: whatever is not due by `now` is after it, so it is scheduled here.
            var next = await NextInstantAsync(now, ct);
            var latest = now + Options.MaxSleep;
            return next is { } at && at < latest ? at : latest;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Deadline watcher failed; trying again shortly");
            return time.UtcNow + RetryAfterFailure;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Records everything due by <paramref name="now"/>: reminders, overdue facts, escalations. Returns how many orders changed.</summary>
    public async Task<int> ProcessDueAsync(DateTime now, CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            // Due times up to which the reminder / escalation is due now, for calendar-time and working-time orders.
            var remindUpTo = _rules.RemindedDueUpTo(now, workingTime: false);
            var remindWorkingUpTo = _rules.RemindedDueUpTo(now, workingTime: true);
            var escalateUpTo = _rules.EscalatedDueUpTo(now, workingTime: false);
            var escalateWorkingUpTo = _rules.EscalatedDueUpTo(now, workingTime: true);
            // With the parent: the published audience lets the parent's viewers keep seeing the sub-order (OrderPolicy).
            var due = await db.Orders.Include(o => o.Parent).Include(o => o.Type)
                .Where(o => OrderStatusText.AwaitingExecution.Contains(o.Status))
                .Where(o => (o.OverdueRecordedAt == null && o.DueAt <= now)
                    || (o.ReminderSentAt == null && o.DueAt > now
                        && (o.Type != null && o.Type.CountsWorkingTime ? o.DueAt <= remindWorkingUpTo : o.DueAt <= remindUpTo))
                    || (o.EscalatedAt == null && o.OnControl
                        && (o.Type != null && o.Type.CountsWorkingTime ? o.DueAt <= escalateWorkingUpTo : o.DueAt <= escalateUpTo)))
                .OrderBy(o => o.DueAt)
                .Take(Options.BatchSize)
                .ToListAsync(ct);
            if (due.Count == 0) return total;
            logger.LogDebug("Deadline watcher: {Count} orders due at {Now:O}", due.Count, now);

            var changes = new List<(Order Order, OrderChangeKind Kind, OrderEventKind? Event, List<Notification> Notified)>();
            var stamps = new List<Stamps>();
            foreach (var order in due)
            {
                var notified = new List<Notification>();
                var working = order.Type?.CountsWorkingTime == true;
                var reminded = order.RecordReminder(now, _rules.ReminderAt(order.DueAt, working));
                var overdue = order.RecordOverdue(now);
                var escalated = order.RecordEscalation(now, _rules.EscalationAt(order.DueAt, working));
                if (reminded) notified.AddRange(await DeadlineNotifications.ReminderAsync(db, order, now, ct));
                if (overdue) notified.AddRange(await DeadlineNotifications.OverdueAsync(db, order, now, ct));
                if (escalated) notified.AddRange(await DeadlineNotifications.EscalationAsync(db, order, now, ct));
                if (reminded || overdue || escalated) stamps.Add(new Stamps(order, reminded, overdue, escalated));
                await notifications.AddAsync(db, notified, ct);
                var recorded = order.TakeNewEvents();
                changes.Add((order, recorded.Count > 0 ? OrderChangeKind.Transition : OrderChangeKind.Notice, recorded.LastOrDefault()?.Kind, notified));
            }
            try
            {
                // One transaction for the claim, the save and the record for other nodes: another watcher (a second node
                // during a takeover) that stamped one of these first makes ours roll back whole, so nothing is recorded twice.
                var published = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    if (!await ClaimAsync(db, stamps, ct)) return null;
                    await db.SaveChangesAsync(ct);
                    var cards = await OrderQueries.CardsAsync(db, due.Select(o => o.Id).ToList(), now, ct);
                    IReadOnlyList<OrderChanged> described = changes.Select(c => new OrderChanged(c.Kind, c.Order.Id, c.Order.Version,
                            OrderAudience.Of(c.Order), null, null, now, c.Event, cards[c.Order.Id], null,
                            c.Notified.Select(n => new NotificationItem(n.Id, n.RecipientId, n.Kind, n.OrderId, n.Text, n.CreatedAt, false)).ToList()))
                        .ToList();
                    await feed.RecordAllAsync(db, described, ct);
                    await transaction.CommitAsync(ct);
                    return described;
                });
                if (published is null) continue;
                // Once committed, published even if the host is stopping meanwhile.
                foreach (var change in published) feed.Publish(change);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone changed one of these orders meanwhile: look again with fresh data.
                continue;
            }
            total += due.Count;
            if (due.Count < Options.BatchSize) return total;
        }
    }

    private sealed record Stamps(Order Order, bool Reminded, bool Overdue, bool Escalated);

    /// <summary>
    /// Writes each order's new stamps only where they are still empty, in the transaction that then records the events and
    /// notifications. The stamps do not move the order's version (they are not edits, <see cref="Order.RecordOverdue"/>),
    /// so the version alone would let two watchers both record the same overdue fact; this condition lets only the
    /// first: a second writer's update changes no row (PostgreSQL re-reads a row another transaction changed before
    /// updating it), and its whole round rolls back. False when any order was stamped elsewhere.
    /// </summary>
    private static async Task<bool> ClaimAsync(LiveOrdersDbContext db, List<Stamps> stamps, CancellationToken ct)
    {
        foreach (var (order, reminded, overdue, escalated) in stamps)
        {
            var id = order.Id;
            var row = db.Orders.Where(o => o.Id == id);
            if (reminded) row = row.Where(o => o.ReminderSentAt == null);
            if (overdue) row = row.Where(o => o.OverdueRecordedAt == null);
            if (escalated) row = row.Where(o => o.EscalatedAt == null);
            var claimed = await row.ExecuteUpdateAsync(u =>
            {
                if (reminded) u.SetProperty(o => o.ReminderSentAt, order.ReminderSentAt);
                if (overdue) u.SetProperty(o => o.OverdueRecordedAt, order.OverdueRecordedAt);
                if (escalated) u.SetProperty(o => o.EscalatedAt, order.EscalatedAt);
            }, ct);
            if (claimed == 0) return false;
        }
        return true;
    }

    /// <summary>The next instant after <paramref name="now"/> at which something falls due, if any.</summary>
    public async Task<DateTime?> NextInstantAsync(DateTime now, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = db.Orders.Where(o => OrderStatusText.AwaitingExecution.Contains(o.Status));
        var nextOverdue = await open.Where(o => o.OverdueRecordedAt == null && o.DueAt > now)
            .OrderBy(o => o.DueAt).Select(o => (DateTime?)o.DueAt).FirstOrDefaultAsync(ct);
        var instants = new List<DateTime?> { nextOverdue };
        foreach (var working in new[] { false, true })
        {
            var kind = open.Where(o => (o.Type != null && o.Type.CountsWorkingTime) == working);
            // Both instants grow with the due time, so the earliest due time gives the earliest instant.
            var remindUpTo = _rules.RemindedDueUpTo(now, working);
            var nextReminderDue = await kind.Where(o => o.ReminderSentAt == null && o.DueAt > remindUpTo)
                .OrderBy(o => o.DueAt).Select(o => (DateTime?)o.DueAt).FirstOrDefaultAsync(ct);
            var escalateUpTo = _rules.EscalatedDueUpTo(now, working);
            var nextEscalationDue = await kind.Where(o => o.EscalatedAt == null && o.OnControl && o.DueAt > escalateUpTo)
                .OrderBy(o => o.DueAt).Select(o => (DateTime?)o.DueAt).FirstOrDefaultAsync(ct);
            instants.Add(nextReminderDue is { } r ? _rules.ReminderAt(r, working) : null);
            instants.Add(nextEscalationDue is { } e ? _rules.EscalationAt(e, working) : null);
        }
        return instants.Where(d => d is not null).Min();
    }
}
