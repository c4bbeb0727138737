using System.Globalization;
using LiveOrders.Core.Audit;
using LiveOrders.Core.Data;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Templates;

/// <summary>
/// The audit entries of templates and their schedules, written by <see cref="OrderTemplates"/> and
/// <see cref="RecurringOrderIssuer"/> in the save that makes the change: what was set, and for an edit each changed
/// field before and after («Заголовок: «А» → «Б»»), as <see cref="AuditTrail"/> writes them for orders. Templates are
/// shared configuration of a department, so their entries are in the administration's section of the log.
/// </summary>
internal static class TemplateAudit
{
    public const string EntityType = nameof(OrderTemplate);
    public const string Created = "template.created";
    public const string Changed = "template.changed";
    public const string Deleted = "template.deleted";
    public const string ScheduleSet = "schedule.set";
    public const string ScheduleChanged = "schedule.changed";
    public const string SchedulePaused = "schedule.paused";
    public const string ScheduleResumed = "schedule.resumed";
    public const string ScheduleEnded = "schedule.ended";
    public const string ScheduleFailed = "schedule.failed";

    /// <summary>What a template holds, with its departments' names read: the lines of an entry and the two sides of an edit.</summary>
    public sealed record Snapshot(string Title, string Text, string Departments, Priority Priority, string Term)
    {
        public IEnumerable<string> Lines()
        {
            yield return $"Заголовок: «{Title}»";
            yield return $"Исполнители: {Departments}";
            yield return $"Приоритет: {Priority.Russian()}";
            yield return $"Срок: {Term}";
        }

        public List<string> LinesTo(Snapshot after)
        {
            var lines = new List<string>();
            if (Title != after.Title) lines.Add($"Заголовок: «{Title}» → «{after.Title}»");
            if (Text != after.Text) lines.Add("Текст: изменён");
            if (Departments != after.Departments) lines.Add($"Исполнители: {Departments} → {after.Departments}");
            if (Priority != after.Priority) lines.Add($"Приоритет: {Priority.Russian()} → {after.Priority.Russian()}");
            if (Term != after.Term) lines.Add($"Срок: {Term} → {after.Term}");
            return lines;
        }
    }

    /// <summary>What a schedule holds, as a person reads it.</summary>
    public sealed record ScheduleSnapshot(string Rule, DateOnly Start, DateOnly? End, string Owner, bool Paused)
    {
        public IEnumerable<string> Lines()
        {
            yield return $"Повторение: {Rule}";
            yield return $"Начало: {Date(Start)}";
            if (End is { } end) yield return $"Окончание: {Date(end)}";
            yield return $"Автор поручений: {Owner}";
            if (Paused) yield return "Состояние: приостановлено";
        }

        public List<string> LinesTo(ScheduleSnapshot after)
        {
            var lines = new List<string>();
            if (Rule != after.Rule) lines.Add($"Повторение: {Rule} → {after.Rule}");
            if (Start != after.Start) lines.Add($"Начало: {Date(Start)} → {Date(after.Start)}");
            if (End != after.End) lines.Add($"Окончание: {Date(End)} → {Date(after.End)}");
            if (Owner != after.Owner) lines.Add($"Автор поручений: {Owner} → {after.Owner}");
            if (Paused != after.Paused) lines.Add($"Состояние: {State(Paused)} → {State(after.Paused)}");
            return lines;
        }
    }

    public static async Task<Snapshot> SnapshotAsync(LiveOrdersDbContext db, TemplateContent content, CancellationToken ct)
    {
        var ids = content.DepartmentIds.Distinct().ToList();
        var names = await db.Departments.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var departments = string.Join(", ", ids.Select(id => names.GetValueOrDefault(id, $"подразделение №{id}")));
        return new Snapshot(content.Title?.Trim() ?? "", content.Text?.Trim() ?? "", departments, content.Priority, TermText.Of(content.Term));
    }

    public static async Task<ScheduleSnapshot> SnapshotAsync(LiveOrdersDbContext db, RecurringSchedule schedule, CancellationToken ct)
    {
        var owner = await db.Employees.AsNoTracking().Where(e => e.Id == schedule.OwnerId).Select(e => e.FullName).FirstOrDefaultAsync(ct)
            ?? $"сотрудник №{schedule.OwnerId}";
        return Of(schedule, owner);
    }

    public static ScheduleSnapshot Of(RecurringSchedule schedule, string owner) =>
        new(schedule.Recurrence.Describe(), schedule.StartDate, schedule.EndDate, owner, schedule.Paused);

    public static AuditEntry Entry(DateTime at, Actor actor, string action, OrderTemplate template, string summary, IEnumerable<string> changes) =>
        AuditEntry.Create(at, actor.EmployeeId, actor.FullName, action, EntityType, template.Id.ToString(CultureInfo.InvariantCulture),
            summary, changes, kind: AuditKind.Administration);

    /// <summary>The system's own entry about a schedule (an occurrence it could not issue).</summary>
    public static AuditEntry SystemEntry(DateTime at, string action, int templateId, string summary, IEnumerable<string> changes) =>
        AuditEntry.Create(at, null, AuditTrail.SystemName, action, EntityType, templateId.ToString(CultureInfo.InvariantCulture),
            summary, changes, kind: AuditKind.Administration);

    /// <summary>«шаблона «Отчёт о ямочном ремонте»», for summaries.</summary>
    public static string Of(string title) => $"шаблона «{(title.Length > 120 ? title[..120] + "…" : title)}»";

    /// <summary>
    /// The line an order issued by a schedule carries in the log, whose actor is the system: which schedule, and in whose
    /// name it issues («По расписанию шаблона «…» (ежемесячно, 5-й рабочий день, в 09:00), от имени: Петров П. П.»).
    /// </summary>
    public static string IssuedBy(string templateTitle, Recurrence recurrence, string ownerName) =>
        $"По расписанию {Of(templateTitle)} ({recurrence.Describe()}), от имени: {ownerName}";

    public static string Date(DateOnly? date) => date is { } d ? d.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) : "—";

    private static string State(bool paused) => paused ? "приостановлено" : "действует";
}
