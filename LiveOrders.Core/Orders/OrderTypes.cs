using System.Globalization;
using LiveOrders.Core.Audit;
using LiveOrders.Core.Calendar;
using LiveOrders.Core.Data;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Orders;

public sealed record OrderTypeItem(int Id, string Name, Term Term, bool CountsWorkingTime, bool IsActive)
{
    public string TermText => OrderType.Describe(Term);
}

/// <summary>What the administrator types for an order type.</summary>
public sealed record OrderTypeInput(string? Name, int TermDays, TermKind TermKind, bool CountsWorkingTime);

/// <summary>The kinds of orders and their terms: read by every author, kept by the administrator (recorded in the log).</summary>
public sealed class OrderTypes(IDbContextFactory<LiveOrdersDbContext> dbFactory, MunicipalTime time)
{
    private const string AdminOnly = "Виды поручений ведёт только администратор.";
    public const string UnknownType = "Такого вида поручения нет или он отключён: выберите другой.";

    /// <summary>Raised after a type was created, changed or switched off: open forms refresh their choice.</summary>
    public event Action? Changed;

    public async Task<IReadOnlyList<OrderTypeItem>> ListAsync(bool activeOnly = true, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var types = await db.OrderTypes.AsNoTracking().Where(t => !activeOnly || t.IsActive).ToListAsync(ct);
        return types.OrderBy(t => t.Name, StringComparer.Create(CultureInfo.GetCultureInfo("ru-RU"), true))
            .Select(t => new OrderTypeItem(t.Id, t.Name, t.Term, t.CountsWorkingTime, t.IsActive)).ToList();
    }

    public Task<Result<int>> CreateAsync(Actor actor, OrderTypeInput input, CancellationToken ct = default) =>
        ChangeAsync(actor, null, input, ct);

    public Task<Result<int>> UpdateAsync(Actor actor, int id, OrderTypeInput input, CancellationToken ct = default) =>
        ChangeAsync(actor, id, input, ct);

    /// <summary>Switches a type off (it leaves the creation form; orders of it keep it) or back on.</summary>
    public async Task<Result> SetActiveAsync(Actor actor, int id, bool active, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageOrganization(actor)) return Result.Forbidden(AdminOnly);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var type = await db.OrderTypes.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (type is null) return new Result(Failure.NotFound, "Вид поручения не найден.");
        if (type.IsActive == active) return Result.Success;
        type.SetActive(active);
        db.AuditEntries.Add(AuditEntry.Create(time.UtcNow, actor.EmployeeId, actor.FullName, active ? "ordertype.activated" : "ordertype.deactivated",
            "OrderType", type.Id.ToString(CultureInfo.InvariantCulture),
            active ? $"Вид поручения «{type.Name}» снова доступен" : $"Вид поручения «{type.Name}» отключён"));
        await db.SaveChangesAsync(ct);
        Changed?.Invoke();
        return Result.Success;
    }

    private async Task<Result<int>> ChangeAsync(Actor actor, int? id, OrderTypeInput input, CancellationToken ct)
    {
        if (!AccessPolicy.CanManageOrganization(actor)) return Result<int>.From(Result.Forbidden(AdminOnly));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        OrderType? type = null;
        if (id is { } existing)
        {
            type = await db.OrderTypes.FirstOrDefaultAsync(t => t.Id == existing, ct);
            if (type is null) return Result<int>.From(new Result(Failure.NotFound, "Вид поручения не найден."));
        }
        var before = type is null ? null : new OrderTypeItem(type.Id, type.Name, type.Term, type.CountsWorkingTime, type.IsActive);
        try
        {
            var term = new Term(input.TermDays, input.TermKind);
            if (type is null) db.OrderTypes.Add(type = new OrderType(input.Name, term, input.CountsWorkingTime));
            else type.Change(input.Name, term, input.CountsWorkingTime);
        }
        catch (OrderRuleException e)
        {
            return Result<int>.From(Result.Invalid(e.Message, e.Field));
        }
        var name = type.Name;
        var others = await db.OrderTypes.Where(t => t.Id != type.Id).Select(t => t.Name).ToListAsync(ct);
        if (others.Any(n => string.Equals(n, name, StringComparison.CurrentCultureIgnoreCase)))
            return Result<int>.From(Result.Invalid($"Вид поручения «{name}» уже есть.", "name"));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(AuditEntry.Create(time.UtcNow, actor.EmployeeId, actor.FullName, before is null ? "ordertype.created" : "ordertype.changed",
            "OrderType", type.Id.ToString(CultureInfo.InvariantCulture),
            before is null ? $"Создан вид поручения «{name}»" : $"Изменён вид поручения «{name}»",
            Changes(before, type)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        Changed?.Invoke();
        return type.Id;
    }

    private static List<string> Changes(OrderTypeItem? before, OrderType after)
    {
        var lines = new List<string>();
        if (before is null || before.Name != after.Name) lines.Add(before is null ? $"Название: «{after.Name}»" : $"Название: «{before.Name}» → «{after.Name}»");
        var termText = OrderType.Describe(after.Term);
        if (before is null || before.Term != after.Term) lines.Add(before is null ? $"Срок: {termText}" : $"Срок: {before.TermText} → {termText}");
        if (before is null || before.CountsWorkingTime != after.CountsWorkingTime)
            lines.Add($"Напоминания и эскалация: {WorkingTimeText(after.CountsWorkingTime)}");
        return lines;
    }

    public static string WorkingTimeText(bool countsWorkingTime) => countsWorkingTime ? "в рабочем времени" : "в календарном времени";
}
