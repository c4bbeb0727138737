using LiveOrders.Core.Audit;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Calendar;
using LiveOrders.Core.Data;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveOrders.Core.Templates;

/// <summary>
/// Issues recurring orders at their instants, as <see cref="Deadlines.DeadlineWatcher"/> makes deadlines happen: it
/// computes the next occurrence instant of all active schedules, sleeps on the injected clock until exactly then (or
/// until a schedule changes), and issues what is due by one <c>now</c>, computing the next sleep from the same
/// <c>now</c>. Each occurrence is recorded in the transaction that creates its order, under a unique index on
/// (schedule, date): a second node, a restart or a retried pass that tries it again fails and rolls its order back,
/// so an occurrence is issued once. On start it issues the latest occurrence of each schedule that was missed
/// within <see cref="RecurringOptions.CatchUp"/>, once.
/// </summary>
public sealed class RecurringOrderIssuer(
    IDbContextFactory<LiveOrdersDbContext> dbFactory,
    MunicipalTime time,
    IWorkingCalendarSource calendars,
    OrderService orders,
    ActorDirectory directory,
    IOptions<RecurringOptions> options,
    TemplateChanges changes,
    ILogger<RecurringOrderIssuer> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);
    private TaskCompletionSource _changed = NewSignal();
    // Set when a schedule changes while the issuer looks, so that it looks again instead of sleeping past it.
    private int _changedWhileLooking;

    /// <summary>A schedule was set, paused, resumed or removed: look again now.</summary>
    public void Wake()
    {
        Interlocked.Exchange(ref _changedWhileLooking, 1);
        Volatile.Read(ref _changed).TrySetResult();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = NewSignal();
            Volatile.Write(ref _changed, changed);
            Interlocked.Exchange(ref _changedWhileLooking, 0);
            var wakeAt = await LookAsync(stoppingToken);
            if (Interlocked.Exchange(ref _changedWhileLooking, 0) == 1) continue;

            var sleep = wakeAt - time.UtcNow;
            if (sleep < TimeSpan.Zero) sleep = TimeSpan.Zero;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var delay = Task.Delay(sleep, time.Clock, timeout.Token);
            await Task.WhenAny(delay, changed.Task.WaitAsync(timeout.Token));
            timeout.Cancel();
            try { await delay; } catch (OperationCanceledException) { }
        }
    }

    private async Task<DateTime> LookAsync(CancellationToken ct)
    {
        try
        {
            var now = time.UtcNow;
            await IssueDueAsync(now, ct);
            var next = await NextInstantAsync(now, ct);
            var latest = now + options.Value.MaxSleep;
            return next is { } at && at < latest ? at : latest;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Recurring orders: the pass failed; trying again shortly");
            return time.UtcNow + RetryAfterFailure;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The instant (UTC) of an occurrence on a local date.</summary>
    public DateTime InstantOf(DateOnly date, Recurrence recurrence) => time.ToUtc(date.ToDateTime(recurrence.TimeOfDay));

    /// <summary>Issues, for each active schedule, its latest occurrence due by <paramref name="now"/> that is not recorded yet. Returns how many orders were issued.</summary>
    public async Task<int> IssueDueAsync(DateTime now, CancellationToken ct = default)
    {
        List<RecurringSchedule> schedules;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            schedules = await db.RecurringSchedules.AsNoTracking().Where(s => !s.Paused).ToListAsync(ct);
        var calendar = calendars.Current;
        var issued = 0;
        foreach (var schedule in schedules)
        {
            if (LatestDue(schedule, now, calendar) is not { } date) continue;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (await db.ScheduleOccurrences.AnyAsync(o => o.ScheduleId == schedule.Id && o.Date == date, ct)) continue;
            if (await IssueAsync(db, schedule, date, now, calendar, ct)) issued++;
        }
        return issued;
    }

    /// <summary>The latest occurrence at or before <paramref name="now"/>, not before the schedule was active nor older than the catch-up window.</summary>
    internal DateOnly? LatestDue(RecurringSchedule schedule, DateTime now, WorkingCalendar calendar)
    {
        var from = schedule.ActiveFrom > now - options.Value.CatchUp ? schedule.ActiveFrom : now - options.Value.CatchUp;
        DateOnly? latest = null;
        foreach (var date in schedule.Recurrence.DatesFrom(DateOnly.FromDateTime(time.ToLocal(from)), calendar))
        {
            var at = InstantOf(date, schedule.Recurrence);
            if (at > now) break;
            if (at >= from) latest = date;
        }
        return latest;
    }

    /// <summary>The next occurrence instant after <paramref name="now"/> of any active schedule.</summary>
    public async Task<DateTime?> NextInstantAsync(DateTime now, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schedules = await db.RecurringSchedules.AsNoTracking().Where(s => !s.Paused).ToListAsync(ct);
        var calendar = calendars.Current;
        DateTime? next = null;
        foreach (var schedule in schedules)
        {
            var at = NextAfter(schedule.Recurrence, now, calendar);
            if (at is { } a && (next is null || a < next)) next = a;
        }
        return next;
    }

    /// <summary>The first occurrence instant after <paramref name="now"/>, if the schedule has one.</summary>
    public DateTime? NextAfter(Recurrence recurrence, DateTime now, WorkingCalendar calendar) =>
        NextLocal(recurrence, now, calendar, 1).Select(time.ToUtc).Cast<DateTime?>().FirstOrDefault();

    /// <summary>The next <paramref name="count"/> occurrences after <paramref name="now"/>, as local date-times: the preview a person reads.</summary>
    public IEnumerable<DateTime> NextLocal(Recurrence recurrence, DateTime now, WorkingCalendar calendar, int count) =>
        recurrence.DatesFrom(DateOnly.FromDateTime(time.ToLocal(now)), calendar)
            .Where(d => InstantOf(d, recurrence) > now)
            .Take(count)
            .Select(d => d.ToDateTime(recurrence.TimeOfDay));

    private async Task<bool> RecordedAsync(int scheduleId, DateOnly date)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.ScheduleOccurrences.AnyAsync(o => o.ScheduleId == scheduleId && o.Date == date);
    }

    private async Task<bool> IssueAsync(LiveOrdersDbContext db, RecurringSchedule schedule, DateOnly date, DateTime now, WorkingCalendar calendar, CancellationToken ct)
    {
        var template = await db.OrderTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == schedule.TemplateId, ct);
        if (template is null) return false;
        // A late catch-up counts the term from today, so that the order is not born overdue.
        var today = DateOnly.FromDateTime(time.ToLocal(now));
        var due = time.ToUtc(DefaultDue.LocalFrom((date > today ? date : today).ToDateTime(TimeOnly.MinValue), calendar, template.Term).Local);
        var owner = await directory.FindByEmployeeIdAsync(schedule.OwnerId, ct);
        var request = new NewOrder(template.Title, template.Text, template.DepartmentIds, template.Priority, due);
        Result<IReadOnlyList<CreatedOrder>> result;
        try
        {
            // The order is the owner's (its author), but no one issued it now: the log names the system and the schedule.
            using var _ = AuditOrigin.UseSystem(TemplateAudit.IssuedBy(template.Title, schedule.Recurrence, owner?.FullName ?? "—"));
            result = owner is null
                ? Result<IReadOnlyList<CreatedOrder>>.From(Result.Forbidden("Владелец расписания больше не работает в системе."))
                : await orders.CreateAsync(owner, request, (tx, created) =>
                {
                    tx.ScheduleOccurrences.Add(ScheduleOccurrence.Created(schedule.Id, date, created[0].Id, now));
                    return Task.CompletedTask;
                }, ct);
        }
        catch (DbUpdateException)
        {
            if (!await RecordedAsync(schedule.Id, date)) throw;
            // Another node or pass recorded this occurrence first; its order stands and ours rolled back.
            logger.LogInformation("Recurring orders: occurrence {Date} of schedule {Schedule} was issued elsewhere", date, schedule.Id);
            return false;
        }
        if (result.Ok)
        {
            logger.LogInformation("Recurring orders: schedule {Schedule} issued {Date}", schedule.Id, date);
            changes.Notify(template);
            return true;
        }
        // Recorded so that it is shown on the schedule and not tried again at every pass.
        logger.LogWarning("Recurring orders: schedule {Schedule} could not issue {Date}: {Message}", schedule.Id, date, result.Message);
        try
        {
            var failure = ScheduleOccurrence.Failed(schedule.Id, date, result.Message ?? "Поручение не создано.", now);
            db.ScheduleOccurrences.Add(failure);
            db.AuditEntries.Add(TemplateAudit.SystemEntry(now, TemplateAudit.ScheduleFailed, template.Id,
                $"Расписание {TemplateAudit.Of(template.Title)} не выдало поручение за {TemplateAudit.Date(date)}",
                [$"Причина: {failure.Failure}", $"Повторение: {schedule.Recurrence.Describe()}"]));
            await db.SaveChangesAsync(ct);
            changes.Notify(template);
        }
        catch (DbUpdateException) { /* Recorded elsewhere meanwhile. */ }
        return false;
    }
}
