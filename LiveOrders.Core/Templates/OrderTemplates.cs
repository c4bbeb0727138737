using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Calendar;
using LiveOrders.Core.Data;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Templates;

/// <summary>
/// The template and schedule use cases. Each checks <see cref="TemplatePolicy"/>, runs in one fresh context, and
/// returns a <see cref="Result"/> in Russian; a schedule change wakes the <see cref="RecurringOrderIssuer"/>, and every
/// change is told to open templates pages through <see cref="TemplateChanges"/> after the commit.
/// </summary>
public sealed class OrderTemplates(
    IDbContextFactory<LiveOrdersDbContext> dbFactory,
    MunicipalTime time,
    IWorkingCalendarSource calendars,
    RecurringOrderIssuer issuer,
    TemplateChanges changes)
{
    public const int PreviewCount = 5;
    public const string StaleTemplateMessage =
        "Шаблон изменили, пока вы его редактировали: заголовок, текст, исполнители или срок уже другие. Ваши изменения не сохранены — закройте окно и откройте шаблон заново.";
    public const string StaleScheduleMessage =
        "Шаблон изменили, пока вы его редактировали: его расписание уже другое. Ваши изменения не сохранены — закройте окно и откройте расписание заново.";

    public async Task<IReadOnlyList<TemplateView>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (!TemplatePolicy.CanUse(actor)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var templates = await db.OrderTemplates.AsNoTracking().Include(t => t.Schedule)
            .Where(TemplatePolicy.VisibleTo(actor)).OrderBy(t => t.Title).ToListAsync(ct);
        return await ViewsAsync(db, actor, templates, ct);
    }

    public async Task<TemplateView?> FindAsync(Actor actor, int id, CancellationToken ct = default)
    {
        if (!TemplatePolicy.CanUse(actor)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await db.OrderTemplates.AsNoTracking().Include(t => t.Schedule)
            .Where(TemplatePolicy.VisibleTo(actor)).FirstOrDefaultAsync(t => t.Id == id, ct);
        return template is null ? null : (await ViewsAsync(db, actor, [template], ct))[0];
    }

    /// <summary>The due time an order issued today from <paramref name="term"/> gets (UTC).</summary>
    public DateTime DueFromToday(Term term) => DefaultDue.For(time, calendars.Current, term).Utc;

    /// <summary>Saves a new template of the actor's department. Returns its id.</summary>
    public async Task<Result<int>> CreateAsync(Actor actor, TemplateContent content, CancellationToken ct = default)
    {
        if (!TemplatePolicy.CanUse(actor)) return Result<int>.From(Result.Forbidden(TemplatePolicy.ReadOnlyMessage));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await RefuseDepartmentsAsync(db, actor, content, ct) is { } refused) return Result<int>.From(refused);
        OrderTemplate template;
        try
        {
            template = OrderTemplate.Create(content, actor.EmployeeId, actor.DepartmentId, time.UtcNow);
        }
        catch (OrderRuleException e)
        {
            return Result<int>.From(Result.Invalid(e.Message, e.Field));
        }
        // Two saves in one transaction: the entry names the template by its id, given by the first.
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            db.OrderTemplates.Add(template);
            await db.SaveChangesAsync(ct);
            var saved = await TemplateAudit.SnapshotAsync(db, template.Content, ct);
            db.AuditEntries.Add(TemplateAudit.Entry(template.CreatedAt, actor, TemplateAudit.Created, template,
                $"Создан шаблон «{template.Title}»", saved.Lines()));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        changes.Notify(template);
        return template.Id;
    }

    /// <summary>
    /// Replaces a template's content, if it is still at the <paramref name="version"/> the editor opened; otherwise
    /// refuses with <see cref="StaleTemplateMessage"/> and applies nothing (no last save wins).
    /// </summary>
    public async Task<Result> UpdateAsync(Actor actor, int id, int version, TemplateContent content, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await EditableAsync(db, actor, id, ct);
        if (!found.Ok) return found;
        var template = found.Value!;
        if (template.Version != version) return Result.Conflict(StaleTemplateMessage);
        if (await RefuseDepartmentsAsync(db, actor, content, ct) is { } refused) return refused;
        var before = await TemplateAudit.SnapshotAsync(db, template.Content, ct);
        try
        {
            template.Update(content, time.UtcNow);
        }
        catch (OrderRuleException e)
        {
            return Result.Invalid(e.Message, e.Field);
        }
        var lines = before.LinesTo(await TemplateAudit.SnapshotAsync(db, template.Content, ct));
        if (lines.Count > 0)
            db.AuditEntries.Add(TemplateAudit.Entry(template.UpdatedAt, actor, TemplateAudit.Changed, template, $"Изменён шаблон «{template.Title}»", lines));
        try
        {
            // Version is the concurrency token: a save that lands between our read and our write is caught here.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(StaleTemplateMessage);
        }
        changes.Notify(template);
        return Result.Success;
    }

    private static async Task<Result?> RefuseDepartmentsAsync(LiveOrdersDbContext db, Actor actor, TemplateContent content, CancellationToken ct)
    {
        var departments = content.DepartmentIds.Distinct().ToList();
        if (await db.Departments.Where(ExecutingDepartment.Qualifies).CountAsync(d => departments.Contains(d.Id), ct) != departments.Count)
            return Result.Invalid(ExecutingDepartment.NotFound, "departments");
        if (departments.Any(d => !OrderPolicy.MayAddress(actor, d)))
            return Result.Forbidden(OrderPolicy.OutsideIntegrationScopeMessage);
        return null;
    }

    /// <summary>Deletes the template with its schedule (the orders it issued stay).</summary>
    public async Task<Result> DeleteAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await EditableAsync(db, actor, id, ct);
        if (!found.Ok) return found;
        var template = found.Value!;
        var lines = (await TemplateAudit.SnapshotAsync(db, template.Content, ct)).Lines().ToList();
        if (template.Schedule is { } schedule) lines.Add($"Расписание: {schedule.Recurrence.Describe()} → —");
        db.AuditEntries.Add(TemplateAudit.Entry(time.UtcNow, actor, TemplateAudit.Deleted, template, $"Удалён шаблон «{template.Title}»", lines));
        db.OrderTemplates.Remove(template);
        await db.SaveChangesAsync(ct);
        issuer.Wake();
        changes.Notify(found.Value!);
        return Result.Success;
    }

    /// <summary>
    /// Sets (or replaces) the template's schedule; the actor becomes the author of the orders it issues. The schedule
    /// has no version, so <paramref name="seenUpdatedAt"/> (its <see cref="ScheduleView.UpdatedAt"/> when the editor
    /// opened it, null when it had none) stands in: if it was set, paused, resumed, ended or added since, this refuses
    /// with <see cref="StaleScheduleMessage"/> and applies nothing.
    /// </summary>
    public async Task<Result> SetScheduleAsync(Actor actor, int templateId, Recurrence recurrence, DateTime? seenUpdatedAt, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await EditableAsync(db, actor, templateId, ct);
        if (!found.Ok) return found;
        var template = found.Value!;
        if (template.Schedule?.UpdatedAt != seenUpdatedAt) return Result.Conflict(StaleScheduleMessage);
        var now = time.UtcNow;
        var before = template.Schedule is { } old ? await TemplateAudit.SnapshotAsync(db, old, ct) : null;
        RecurringSchedule set;
        try
        {
            if (template.Schedule is { } schedule) (set = schedule).Set(actor.EmployeeId, recurrence, now);
            else db.RecurringSchedules.Add(set = RecurringSchedule.Create(template.Id, actor.EmployeeId, recurrence, now));
        }
        catch (OrderRuleException e)
        {
            return Result.Invalid(e.Message, e.Field);
        }
        var after = TemplateAudit.Of(set, actor.FullName);
        if (before is null)
            db.AuditEntries.Add(TemplateAudit.Entry(now, actor, TemplateAudit.ScheduleSet, template,
                $"Задано расписание {TemplateAudit.Of(template.Title)}", after.Lines()));
        else if (before.LinesTo(after) is { Count: > 0 } lines)
            db.AuditEntries.Add(TemplateAudit.Entry(now, actor, TemplateAudit.ScheduleChanged, template,
                $"Изменено расписание {TemplateAudit.Of(template.Title)}", lines));
        await db.SaveChangesAsync(ct);
        issuer.Wake();
        changes.Notify(template);
        return Result.Success;
    }

    public Task<Result> PauseAsync(Actor actor, int templateId, CancellationToken ct = default) =>
        ChangeScheduleAsync(actor, templateId, (s, now) => s.Pause(now), TemplateAudit.SchedulePaused, "Приостановлено", ct);

    public Task<Result> ResumeAsync(Actor actor, int templateId, CancellationToken ct = default) =>
        ChangeScheduleAsync(actor, templateId, (s, now) => s.Resume(now), TemplateAudit.ScheduleResumed, "Возобновлено", ct);

    /// <summary>Ends the schedule: no more orders; the template stays.</summary>
    public async Task<Result> RemoveScheduleAsync(Actor actor, int templateId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await EditableAsync(db, actor, templateId, ct);
        if (!found.Ok) return found;
        var template = found.Value!;
        if (template.Schedule is { } schedule)
        {
            db.RecurringSchedules.Remove(schedule);
            db.AuditEntries.Add(TemplateAudit.Entry(time.UtcNow, actor, TemplateAudit.ScheduleEnded, template,
                $"Снято расписание {TemplateAudit.Of(template.Title)}", [$"Повторение: {schedule.Recurrence.Describe()} → —"]));
        }
        await db.SaveChangesAsync(ct);
        issuer.Wake();
        changes.Notify(found.Value!);
        return Result.Success;
    }

    /// <summary>The next occurrences of a recurrence not yet saved: the preview beside the schedule form.</summary>
    public IReadOnlyList<DateTime> Preview(Recurrence recurrence) =>
        recurrence.Refusal() is null ? issuer.NextLocal(recurrence, time.UtcNow, calendars.Current, PreviewCount).ToList() : [];

    private async Task<Result> ChangeScheduleAsync(Actor actor, int templateId, Action<RecurringSchedule, DateTime> change,
        string action, string verb, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await EditableAsync(db, actor, templateId, ct);
        if (!found.Ok) return found;
        var template = found.Value!;
        if (template.Schedule is not { } schedule) return Result.Invalid("У шаблона нет расписания.");
        var before = await TemplateAudit.SnapshotAsync(db, schedule, ct);
        var now = time.UtcNow;
        change(schedule, now);
        // Pausing a paused schedule changes nothing a person sees: no entry.
        if (before.LinesTo(before with { Paused = schedule.Paused }) is { Count: > 0 } lines)
            db.AuditEntries.Add(TemplateAudit.Entry(now, actor, action, template, $"{verb} расписание {TemplateAudit.Of(template.Title)}",
                [$"Повторение: {before.Rule}", ..lines]));
        await db.SaveChangesAsync(ct);
        issuer.Wake();
        changes.Notify(found.Value!);
        return Result.Success;
    }

    private static async Task<Result<OrderTemplate>> EditableAsync(LiveOrdersDbContext db, Actor actor, int id, CancellationToken ct)
    {
        if (!TemplatePolicy.CanUse(actor)) return Result<OrderTemplate>.From(Result.Forbidden(TemplatePolicy.ReadOnlyMessage));
        var template = await db.OrderTemplates.Include(t => t.Schedule).Where(TemplatePolicy.VisibleTo(actor)).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (template is null) return Result<OrderTemplate>.From(new Result(Failure.NotFound, TemplatePolicy.NotFoundMessage));
        if (!TemplatePolicy.CanEdit(actor, template)) return Result<OrderTemplate>.From(Result.Forbidden(TemplatePolicy.EditRefusal));
        return template;
    }

    private async Task<IReadOnlyList<TemplateView>> ViewsAsync(LiveOrdersDbContext db, Actor actor, IReadOnlyList<OrderTemplate> templates, CancellationToken ct)
    {
        var departmentIds = templates.SelectMany(t => t.DepartmentIds).Distinct().ToList();
        var departments = await db.Departments.Where(d => departmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.ShortName, ct);
        var people = templates.Select(t => t.AuthorId).Concat(templates.Where(t => t.Schedule != null).Select(t => t.Schedule!.OwnerId)).Distinct().ToList();
        var names = await db.Employees.Where(e => people.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.FullName, ct);
        var scheduleIds = templates.Where(t => t.Schedule != null).Select(t => t.Schedule!.Id).ToList();
        // The last few of each schedule: those of the last two months are enough for any of the kinds.
        var since = DateOnly.FromDateTime(time.LocalNow).AddMonths(-2);
        var recent = (await db.ScheduleOccurrences.AsNoTracking().Where(o => scheduleIds.Contains(o.ScheduleId) && o.Date >= since)
                .OrderByDescending(o => o.Date).ToListAsync(ct))
            .GroupBy(o => o.ScheduleId).ToDictionary(g => g.Key, g => g.Take(3).ToList());
        var orderIds = recent.Values.SelectMany(l => l).Where(o => o.OrderId != null).Select(o => o.OrderId!.Value).ToList();
        var numbers = await db.Orders.Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Number, ct);
        var now = time.UtcNow;
        var calendar = calendars.Current;
        return templates.Select(t => new TemplateView(
            t.Id, t.Title, t.Text,
            t.DepartmentIds.Select(d => new TemplateDepartment(d, departments.GetValueOrDefault(d, "—"))).ToList(),
            t.Priority, t.Term, names.GetValueOrDefault(t.AuthorId, "—"), TemplatePolicy.CanEdit(actor, t),
            t.Schedule is not { } s ? null : new ScheduleView(
                s.Id, s.Recurrence, s.Paused, names.GetValueOrDefault(s.OwnerId, "—"),
                s.Paused ? [] : issuer.NextLocal(s.Recurrence, now, calendar, PreviewCount).ToList(),
                recent.GetValueOrDefault(s.Id, []).Select(o => new OccurrenceView(o.Date, o.OrderId,
                    o.OrderId is { } oid ? numbers.GetValueOrDefault(oid) : null, o.Failure)).ToList(), s.UpdatedAt),
            t.Version)).ToList();
    }
}
