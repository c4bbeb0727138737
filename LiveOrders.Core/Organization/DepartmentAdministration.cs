using LiveOrders.Core.Audit;
using LiveOrders.Core.Data;
using LiveOrders.Core.Orders;
using Microsoft.EntityFrameworkCore;
using static LiveOrders.Core.Organization.AdministrationRules;

namespace LiveOrders.Core.Organization;

/// <summary>
/// The administrator's use cases for departments: the tree, create, edit (name, short name, parent, curator), head,
/// switch off and on. Each is one transaction with its audit entry; people whose rights change are invalidated after
/// the commit, and screens that list departments are told. A department is never deleted: its orders keep naming it.
/// </summary>
public sealed class DepartmentAdministration(
    IDbContextFactory<LiveOrdersDbContext> dbFactory, ActorDirectory directory, StructureChanges structure, TimeProvider time)
{
    public const int NameMaxLength = 200;
    public const int ShortNameMaxLength = 60;

    public async Task<Result<IReadOnlyList<DepartmentRow>>> TreeAsync(Actor actor, CancellationToken ct = default)
    {
        if (Refusal(actor, directory, "Видеть структуру для правки") is { } refusal) return Result<IReadOnlyList<DepartmentRow>>.From(refusal);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var departments = await db.Departments.AsNoTracking().ToListAsync(ct);
        var people = await db.Employees.AsNoTracking().Where(e => e.IsActive)
            .Select(e => new { e.Id, e.FullName, e.DepartmentId, e.Role }).ToListAsync(ct);
        var names = people.ToDictionary(p => p.Id, p => p.FullName);
        var curators = await db.Employees.AsNoTracking().Where(e => departments.Select(d => d.CuratorId).Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, e => e.FullName, ct);
        var rows = departments.Select(d =>
        {
            var head = people.FirstOrDefault(p => p.DepartmentId == d.Id && p.Role == Role.DepartmentHead);
            return new DepartmentRow(d.Id, d.Name, d.ShortName, d.ParentId, d.CuratorId,
                d.CuratorId is { } c ? curators.GetValueOrDefault(c) : null, head?.Id, head?.FullName, d.IsActive, d.IsControl,
                people.Count(p => p.DepartmentId == d.Id), VersionOfDepartment(d));
        });
        return Ordered(rows.ToList());
    }

    /// <summary>The tree flattened depth-first, each level by name: the order the page draws it in.</summary>
    private static List<DepartmentRow> Ordered(List<DepartmentRow> rows)
    {
        var result = new List<DepartmentRow>();
        var ids = rows.Select(r => r.Id).ToHashSet();
        void Walk(int? parentId)
        {
            foreach (var row in rows.Where(r => r.ParentId == parentId || (parentId is null && r.ParentId is { } p && !ids.Contains(p)))
                         .OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase))
            {
                result.Add(row);
                Walk(row.Id);
            }
        }
        Walk(null);
        return result;
    }

    /// <summary>Deputy heads who can be made curators (active, role «Заместитель главы»).</summary>
    public async Task<IReadOnlyList<PersonRef>> DeputiesAsync(Actor actor, CancellationToken ct = default)
    {
        if (Refusal(actor, directory, "Назначать кураторов") is not null) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Employees.AsNoTracking().Where(e => e.IsActive && e.Role == Role.DeputyHead).OrderBy(e => e.FullName)
            .Select(e => new PersonRef(e.Id, e.FullName, e.Position, e.Department!.ShortName)).ToListAsync(ct);
    }

    /// <summary>Active people of a department, to choose its head from.</summary>
    public async Task<IReadOnlyList<PersonRef>> HeadCandidatesAsync(Actor actor, int departmentId, CancellationToken ct = default)
    {
        if (Refusal(actor, directory, "Назначать начальников") is not null) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Employees.AsNoTracking()
            .Where(e => e.IsActive && e.DepartmentId == departmentId && (e.Role == Role.Employee || e.Role == Role.DepartmentHead))
            .OrderBy(e => e.FullName).Select(e => new PersonRef(e.Id, e.FullName, e.Position, e.Department!.ShortName)).ToListAsync(ct);
    }

    public async Task<Result<int>> CreateAsync(Actor actor, DepartmentForm form, CancellationToken ct = default)
    {
        if (Refusal(actor, directory, "Создавать подразделения") is { } refusal) return Result<int>.From(refusal);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var department = new Department { Name = "", ShortName = "" };
        var (checkedForm, invalid) = await CheckAsync(db, department, form, isNew: true, ct);
        if (invalid is not null) return Result<int>.From(invalid);
        Apply(department, checkedForm!);
        db.Departments.Add(department);
        await db.SaveChangesAsync(ct);

        var changes = new List<string>();
        Line(changes, "Название", null, department.Name);
        Line(changes, "Краткое название", null, department.ShortName);
        Line(changes, "Входит в", null, await NameOfAsync(db, department.ParentId, ct));
        Line(changes, "Куратор", null, await PersonNameAsync(db, department.CuratorId, ct));
        db.AuditEntries.Add(Entry(actor, "department.created", department.Id, $"Создано подразделение «{department.Name}»", changes));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        if (department.CuratorId is { } curator) directory.Invalidate(curator);
        structure.Notify();
        return department.Id;
    }

    /// <summary>Name, short name, parent and curator, as the administrator saw them at <paramref name="version"/>.</summary>
    public async Task<Result> UpdateAsync(Actor actor, int departmentId, DepartmentForm form, string version, CancellationToken ct = default)
    {
        if (Refusal(actor, directory, "Изменять подразделения") is { } refusal) return refusal;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == departmentId, ct);
        if (department is null) return Result.Invalid("Подразделение не найдено.");
        if (VersionOfDepartment(department) != version) return Result.Conflict(ConflictMessage);
        var (checkedForm, invalid) = await CheckAsync(db, department, form, isNew: false, ct);
        if (invalid is not null) return invalid;

        var before = new { department.Name, department.ShortName, department.ParentId, department.CuratorId };
        var changes = new List<string>();
        Line(changes, "Название", before.Name, checkedForm!.Name);
        Line(changes, "Краткое название", before.ShortName, checkedForm.ShortName);
        Line(changes, "Входит в", await NameOfAsync(db, before.ParentId, ct), await NameOfAsync(db, checkedForm.ParentId, ct));
        Line(changes, "Куратор", await PersonNameAsync(db, before.CuratorId, ct), await PersonNameAsync(db, checkedForm.CuratorId, ct));
        if (changes.Count == 0) return Result.Success;
        Apply(department, checkedForm);
        db.AuditEntries.Add(Entry(actor, "department.updated", department.Id, $"Изменено подразделение «{department.Name}»", changes));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        // A curator's panel, boards and visibility are built from what she supervises: both the old and the new one reload.
        if (before.CuratorId != department.CuratorId)
            foreach (var curator in new[] { before.CuratorId, department.CuratorId }.OfType<int>())
                directory.Invalidate(curator);
        structure.Notify();
        return Result.Success;
    }

    /// <summary>
    /// Makes <paramref name="employeeId"/> (someone of this department) its head; whoever headed it becomes an employee.
    /// Only employees and heads qualify: a deputy head or an administrator would lose their own role.
    /// </summary>
    public async Task<Result> SetHeadAsync(Actor actor, int departmentId, int employeeId, CancellationToken ct = default)
    {
        if (Refusal(actor, directory, "Назначать начальников") is { } refusal) return refusal;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == departmentId, ct);
        if (department is null) return Result.Invalid("Подразделение не найдено.");
        if (!department.IsActive) return Result.Invalid("Подразделение отключено: сначала включите его.");
        var head = await db.Employees.FirstOrDefaultAsync(e => e.Id == employeeId && e.IsActive, ct);
        if (head is null || head.DepartmentId != departmentId)
            return Result.Invalid("Начальником можно назначить только действующего сотрудника этого подразделения.", "head");
        if (head.Role is not (Role.Employee or Role.DepartmentHead))
            return Result.Invalid($"{head.FullName} — {head.Role.Russian().ToLowerInvariant()}: начальником подразделения назначают сотрудника.", "head");
        if (head.Role == Role.DepartmentHead) return Result.Success;

        var previous = await db.Employees.Where(e => e.DepartmentId == departmentId && e.IsActive && e.Role == Role.DepartmentHead).ToListAsync(ct);
        var changes = new List<string>();
        Line(changes, "Начальник", previous.FirstOrDefault()?.FullName, head.FullName);
        foreach (var p in previous)
        {
            p.Role = Role.Employee;
            changes.Add($"Роль ({p.FullName}): «{Role.DepartmentHead.Russian()}» → «{Role.Employee.Russian()}»");
        }
        head.Role = Role.DepartmentHead;
        changes.Add($"Роль ({head.FullName}): «{Role.Employee.Russian()}» → «{Role.DepartmentHead.Russian()}»");
        db.AuditEntries.Add(Entry(actor, "department.head", department.Id, $"Начальник подразделения «{department.Name}»: {head.FullName}", changes));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        directory.Invalidate(head.Id);
        foreach (var p in previous) directory.Invalidate(p.Id);
        return Result.Success;
    }

    /// <summary>
    /// Switches a department off. Refused while anything still lives in it — active people, active sub-departments,
    /// open orders it executes — and the message says what to do with each (with the orders' numbers): switching
    /// it off silently would leave people who can sign in to a department nobody sees and orders nobody executes.
    /// The orders it issued stay with their authors and need nothing.
    /// </summary>
    public async Task<Result> DeactivateAsync(Actor actor, int departmentId, CancellationToken ct = default)
    {
        if (Refusal(actor, directory, "Отключать подразделения") is { } refusal) return refusal;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == departmentId, ct);
        if (department is null) return Result.Invalid("Подразделение не найдено.");
        if (!department.IsActive) return Result.Success;
        if (department.ParentId is null) return Result.Invalid("Администрацию в целом отключить нельзя.");

        var problems = new List<string>();
        var people = await db.Employees.CountAsync(e => e.DepartmentId == departmentId && e.IsActive, ct);
        if (people > 0) problems.Add($"переведите в другое подразделение или отключите сотрудников ({people})");
        var children = await db.Departments.Where(d => d.ParentId == departmentId && d.IsActive).Select(d => d.Name).ToListAsync(ct);
        if (children.Count > 0) problems.Add($"отключите или перенесите вложенные подразделения: {string.Join(", ", children)}");
        var open = await db.Orders.Where(o => o.ExecutingDepartmentId == departmentId
                && (o.Status == OrderStatus.Draft || o.Status == OrderStatus.New || o.Status == OrderStatus.InProgress
                    || o.Status == OrderStatus.OnReview || o.Status == OrderStatus.Declined))
            .OrderBy(o => o.Id).Select(o => o.Number).ToListAsync(ct);
        if (open.Count > 0)
            problems.Add($"переадресуйте или завершите открытые поручения ({open.Count}): {string.Join(", ", open.Take(10))}{(open.Count > 10 ? " …" : "")}");
        if (problems.Count > 0)
            return Result.Invalid($"Подразделение «{department.Name}» нельзя отключить, пока в нём есть работа. Сначала {string.Join("; ", problems)}.");

        department.IsActive = false;
        db.AuditEntries.Add(Entry(actor, "department.deactivated", department.Id, $"Отключено подразделение «{department.Name}»",
            ["Действует: да → нет"]));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (department.CuratorId is { } curator) directory.Invalidate(curator);
        structure.Notify();
        return Result.Success;
    }

    public async Task<Result> ReactivateAsync(Actor actor, int departmentId, CancellationToken ct = default)
    {
        if (Refusal(actor, directory, "Включать подразделения") is { } refusal) return refusal;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var department = await db.Departments.Include(d => d.Parent).FirstOrDefaultAsync(d => d.Id == departmentId, ct);
        if (department is null) return Result.Invalid("Подразделение не найдено.");
        if (department.IsActive) return Result.Success;
        if (department.Parent is { IsActive: false } parent)
            return Result.Invalid($"Сначала включите вышестоящее подразделение «{parent.Name}» или перенесите это в другое.");
        department.IsActive = true;
        db.AuditEntries.Add(Entry(actor, "department.reactivated", department.Id, $"Снова действует подразделение «{department.Name}»",
            ["Действует: нет → да"]));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (department.CuratorId is { } curator) directory.Invalidate(curator);
        structure.Notify();
        return Result.Success;
    }

    private async Task<(DepartmentForm? Form, Result? Invalid)> CheckAsync(LiveOrdersDbContext db, Department department, DepartmentForm form,
        bool isNew, CancellationToken ct)
    {
        var name = Clean(form.Name);
        if (name is null) return (null, Result.Invalid("Укажите название подразделения.", "name"));
        if (name.Length > NameMaxLength) return (null, Result.Invalid($"Название длиннее {NameMaxLength} знаков.", "name"));
        var shortName = Clean(form.ShortName);
        if (shortName is null) return (null, Result.Invalid("Укажите краткое название (для досок и списков).", "shortName"));
        if (shortName.Length > ShortNameMaxLength) return (null, Result.Invalid($"Краткое название длиннее {ShortNameMaxLength} знаков.", "shortName"));

        // SQLite compares Cyrillic case-sensitively: the few names are compared here.
        var others = await db.Departments.AsNoTracking().Where(d => d.Id != department.Id).Select(d => new { d.Id, d.Name, d.ParentId }).ToListAsync(ct);
        if (others.Any(d => string.Equals(d.Name, name, StringComparison.CurrentCultureIgnoreCase)))
            return (null, Result.Invalid($"Подразделение «{name}» уже есть (возможно, отключённое).", "name"));

        if (form.ParentId is not { } parentId)
        {
            // Only the administration at the root has no parent; a second root would execute nothing and belong nowhere.
            if (isNew || department.ParentId is not null) return (null, Result.Invalid("Укажите, в какое подразделение входит это.", "parent"));
        }
        else
        {
            var parents = others.ToDictionary(d => d.Id, d => d.ParentId);
            if (parentId == department.Id) return (null, Result.Invalid("Подразделение не может входить само в себя.", "parent"));
            if (!await db.Departments.AnyAsync(d => d.Id == parentId && d.IsActive, ct))
                return (null, Result.Invalid("Вышестоящее подразделение не найдено или отключено.", "parent"));
            // Walk up from the new parent: meeting this department means the tree would close into a ring.
            var seen = new HashSet<int>();
            for (int? at = parentId; at is { } id && seen.Add(id); at = parents.GetValueOrDefault(id))
                if (!isNew && parents.GetValueOrDefault(id) == department.Id)
                    return (null, Result.Invalid("Нельзя подчинить подразделение его же вложенному подразделению: получится круг.", "parent"));
        }

        if (form.CuratorId is { } curatorId
            && !await db.Employees.AnyAsync(e => e.Id == curatorId && e.IsActive && e.Role == Role.DeputyHead, ct))
            return (null, Result.Invalid("Куратором может быть только действующий заместитель главы.", "curator"));
        return (form with { Name = name, ShortName = shortName }, null);
    }

    private static void Apply(Department department, DepartmentForm form)
    {
        department.Name = form.Name!;
        department.ShortName = form.ShortName!;
        department.ParentId = form.ParentId;
        department.CuratorId = form.CuratorId;
    }

    internal static string VersionOfDepartment(Department d) => VersionOf(d.Name, d.ShortName, d.ParentId, d.CuratorId, d.IsActive);

    private static async Task<string?> NameOfAsync(LiveOrdersDbContext db, int? departmentId, CancellationToken ct) =>
        departmentId is { } id ? await db.Departments.Where(d => d.Id == id).Select(d => d.Name).FirstOrDefaultAsync(ct) : null;

    private static async Task<string?> PersonNameAsync(LiveOrdersDbContext db, int? employeeId, CancellationToken ct) =>
        employeeId is { } id ? await db.Employees.Where(e => e.Id == id).Select(e => e.FullName).FirstOrDefaultAsync(ct) : null;

    private AuditEntry Entry(Actor actor, string action, int departmentId, string summary, IEnumerable<string> changes) =>
        AuditEntry.Create(time.GetUtcNow().UtcDateTime, actor.EmployeeId, actor.FullName, action, "Department",
            departmentId.ToString(System.Globalization.CultureInfo.InvariantCulture), summary, changes);
}
