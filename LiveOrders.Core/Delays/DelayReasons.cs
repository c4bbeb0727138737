using System.Globalization;
using LiveOrders.Core.Audit;
using LiveOrders.Core.Data;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Delays;

/// <summary>A reason of the list, with how many reports and extension requests name it (a used one is only retired).</summary>
public sealed record DelayReasonRow(int Id, string Name, bool IsActive, int Uses);

/// <summary>How many late orders named a reason over a period.</summary>
public sealed record LateByReason(int ReasonId, string Reason, bool IsActive, int Orders);

/// <summary>
/// The list of delay reasons: what the dialogs offer, its administration (add, rename, retire, bring back; each change
/// in the administration's audit log), and the breakdown of late orders by reason for control.
/// </summary>
public sealed class DelayReasons(IDbContextFactory<LiveOrdersDbContext> dbFactory, MunicipalTime time, ActorDirectory directory)
{
    private const string What = "Менять список причин просрочки";

    /// <summary>The reasons a person may choose now, in the list's order (the shipped ones first, «Иное» among them).</summary>
    public async Task<IReadOnlyList<DelayReasonRow>> ActiveAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DelayReasons.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Id)
            .Select(r => new DelayReasonRow(r.Id, r.Name, true, 0)).ToListAsync(ct);
    }

    /// <summary>The whole list, retired reasons included, for the administrator.</summary>
    public async Task<Result<IReadOnlyList<DelayReasonRow>>> AllAsync(Actor actor, CancellationToken ct = default)
    {
        if (AdministrationRules.Refusal(actor, directory, What) is { } refusal) return Result<IReadOnlyList<DelayReasonRow>>.From(refusal);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DelayReasons.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new DelayReasonRow(r.Id, r.Name, r.IsActive, db.OrderEvents.Count(e => e.DelayReasonId == r.Id)))
            .ToListAsync(ct);
    }

    public async Task<Result<int>> AddAsync(Actor actor, string? name, CancellationToken ct = default)
    {
        if (AdministrationRules.Refusal(actor, directory, What) is { } refusal) return Result<int>.From(refusal);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        DelayReason reason;
        try
        {
            reason = DelayReason.Create(name);
        }
        catch (OrderRuleException e)
        {
            return Result<int>.From(Result.Invalid(e.Message, e.Field));
        }
        if (await DuplicateAsync(db, reason.Name, null, ct) is { } duplicate) return Result<int>.From(duplicate);
        // The id is known only after the insert: the entry is written by a second save in the same transaction.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.DelayReasons.Add(reason);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(Entry(actor, "delayreason.created", reason.Id, $"Добавлена причина просрочки «{reason.Name}»"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return reason.Id;
    }

    public async Task<Result> RenameAsync(Actor actor, int id, string? name, CancellationToken ct = default)
    {
        if (AdministrationRules.Refusal(actor, directory, What) is { } refusal) return refusal;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.DelayReasons.FirstOrDefaultAsync(r => r.Id == id, ct) is not { } reason) return NotFound;
        var before = reason.Name;
        try
        {
            reason.Rename(name);
        }
        catch (OrderRuleException e)
        {
            return Result.Invalid(e.Message, e.Field);
        }
        if (reason.Name == before) return Result.Invalid("Название не изменилось.", "name");
        if (await DuplicateAsync(db, reason.Name, id, ct) is { } duplicate) return duplicate;
        db.AuditEntries.Add(Entry(actor, "delayreason.renamed", id, $"Переименована причина просрочки «{before}»",
            [$"Название: «{before}» → «{reason.Name}»"]));
        await db.SaveChangesAsync(ct);
        return Result.Success;
    }

    /// <summary>Retires a reason (no longer offered; the history and the reports keep it) or brings it back.</summary>
    public async Task<Result> SetActiveAsync(Actor actor, int id, bool active, CancellationToken ct = default)
    {
        if (AdministrationRules.Refusal(actor, directory, What) is { } refusal) return refusal;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.DelayReasons.FirstOrDefaultAsync(r => r.Id == id, ct) is not { } reason) return NotFound;
        if (reason.IsActive == active) return Result.Success;
        if (!active && await db.DelayReasons.CountAsync(r => r.IsActive, ct) == 1)
            return Result.Invalid("Это последняя действующая причина: просроченное поручение нечем будет объяснить. Сначала добавьте другую.");
        reason.SetActive(active);
        db.AuditEntries.Add(Entry(actor, active ? "delayreason.activated" : "delayreason.deactivated", id,
            active ? $"Причина просрочки «{reason.Name}» снова используется" : $"Причина просрочки «{reason.Name}» больше не предлагается"));
        await db.SaveChangesAsync(ct);
        return Result.Success;
    }

    /// <summary>How many days the control panel's «Причины просрочки» covers, today included.</summary>
    public const int RecentDays = 30;

    /// <summary>The control panel's breakdown: the last <see cref="RecentDays"/> local days, today included (its card and its export).</summary>
    public Task<Result<IReadOnlyList<LateByReason>>> LateByReasonRecentAsync(Actor actor, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(time.LocalNow);
        return LateByReasonAsync(actor, today.AddDays(-(RecentDays - 1)), today, ct);
    }

    /// <summary>
    /// Late orders by the reason given, over a period of local dates (inclusive): each order counted once per reason it
    /// named in a report or an extension request then. Control sees every department, a deputy head those she supervises.
    /// </summary>
    public async Task<Result<IReadOnlyList<LateByReason>>> LateByReasonAsync(Actor actor, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanUseControlPanel(actor))
            return Result<IReadOnlyList<LateByReason>>.From(Result.Forbidden("Отчёт о причинах просрочки доступен заместителям главы и контролю."));
        var start = time.StartOfDay(from);
        var end = time.EndOfDay(to);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var orders = db.Orders.Where(OrderPolicy.VisibleTo(actor));
        if (!actor.SeesEverything)
        {
            var supervised = actor.SupervisedDepartmentIds.ToList();
            orders = orders.Where(o => supervised.Contains(o.ExecutingDepartmentId));
        }
        var explained = db.OrderEvents.Where(e => e.DelayReasonId != null && e.At >= start && e.At < end)
            .Where(e => orders.Any(o => o.Id == e.OrderId))
            .Select(e => new { e.OrderId, ReasonId = e.DelayReasonId!.Value })
            .Distinct();
        var counts = await explained.GroupBy(e => e.ReasonId).Select(g => new { ReasonId = g.Key, Orders = g.Count() }).ToListAsync(ct);
        var reasons = await db.DelayReasons.AsNoTracking().ToDictionaryAsync(r => r.Id, ct);
        return counts.Select(c => new LateByReason(c.ReasonId, reasons[c.ReasonId].Name, reasons[c.ReasonId].IsActive, c.Orders))
            .OrderByDescending(c => c.Orders).ThenBy(c => c.Reason, StringComparer.CurrentCulture)
            .ToList();
    }

    private static readonly Result NotFound = new(Failure.NotFound, "Такой причины просрочки нет.");

    private static async Task<Result?> DuplicateAsync(LiveOrdersDbContext db, string name, int? except, CancellationToken ct)
    {
        // Compared here: SQLite folds only Latin letters, and the names are Russian.
        var names = await db.DelayReasons.Where(r => r.Id != except).Select(r => r.Name).ToListAsync(ct);
        return names.Any(n => string.Equals(n, name, StringComparison.CurrentCultureIgnoreCase))
            ? Result.Invalid($"Причина «{name}» уже есть в списке.", "name")
            : null;
    }

    private AuditEntry Entry(Actor actor, string action, int id, string summary, IEnumerable<string>? changes = null) =>
        AuditEntry.Create(time.UtcNow, actor.EmployeeId, actor.FullName, action, "DelayReason", id.ToString(CultureInfo.InvariantCulture), summary, changes);
}
