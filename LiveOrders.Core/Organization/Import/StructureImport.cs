using LiveOrders.Core.Audit;
using LiveOrders.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LiveOrders.Core.Organization.Import;

/// <summary>
/// Importing the structure (departments, people, roles, supervision) from a file: a preview that changes nothing,
/// then, once the administrator confirms, everything in one transaction — or nothing. The file is read and compared
/// again on confirmation, so what is applied is what the database holds then, not what the preview saw.
/// </summary>
public sealed class StructureImport(IDbContextFactory<LiveOrdersDbContext> dbFactory, ActorDirectory directory, StructureChanges structure,
    TimeProvider clock, ILogger<StructureImport> logger)
{
    public const string Refused = "Импортировать структуру может только администратор.";

    public async Task<Result<ImportPlan>> PreviewAsync(Actor admin, string fileName, byte[] content, IReadOnlySet<RowRef>? skipped = null,
        CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageOrganization(admin)) return Result<ImportPlan>.From(Result.Forbidden(Refused));
        var file = StructureFileReader.Read(fileName, content);
        if (!file.Ok) return Result<ImportPlan>.From(file);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var snapshot = await OrganizationSnapshot.LoadAsync(db, tracked: false, ct);
        return ImportPlanner.Plan(file.Value!, snapshot, skipped ?? new HashSet<RowRef>()).Plan;
    }

    public async Task<Result<ImportOutcome>> ApplyAsync(Actor admin, string fileName, byte[] content, IReadOnlySet<RowRef> skipped,
        CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageOrganization(admin) || !directory.IsCurrent(admin)) return Result<ImportOutcome>.From(Result.Forbidden(Refused));
        var file = StructureFileReader.Read(fileName, content);
        if (!file.Ok) return Result<ImportOutcome>.From(file);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var snapshot = await OrganizationSnapshot.LoadAsync(db, tracked: true, ct);
        var (plan, planner) = ImportPlanner.Plan(file.Value!, snapshot, skipped);
        if (plan.Errors > 0)
            return Result<ImportOutcome>.From(Result.Invalid(
                $"В файле остались ошибки ({plan.Errors}): исправьте строки или отметьте их «пропустить». Ничего не импортировано."));
        if (!plan.CanApply) return new ImportOutcome(0, 0, []);

        var rows = plan.Rows.ToDictionary(r => r.Ref);
        bool Applies(ImportTableRow? row, ImportSheet sheet) =>
            row is not null && rows.GetValueOrDefault(new RowRef(sheet, row.Row))?.Action is ImportAction.Create or ImportAction.Update;

        var departments = planner.DepartmentNodes.Where(d => Applies(d.Row, ImportSheet.Departments)).ToList();
        var people = planner.PersonNodes.Where(p => Applies(p.Row, ImportSheet.People)).ToList();
        var invalidated = new HashSet<int>();

        // 1. Departments and people, linked through navigations: EF inserts them in the order their keys need.
        foreach (var d in departments)
        {
            if (d.IsNew) db.Departments.Add(d.Entity = new Department { Name = d.Name, ShortName = d.ShortName });
            d.Entity!.ShortName = d.ShortName;
        }
        foreach (var d in departments.Where(d => d.ParentChanged)) d.Entity!.Parent = d.Parent!.Entity;

        var accounts = new List<NewAccount>();
        foreach (var p in people)
        {
            var department = p.Department!.Entity!;
            if (p.IsNew)
            {
                var password = PersonAccounts.TemporaryPassword();
                p.Entity = PersonAccounts.Add(db, p.Login, password, new Employee
                {
                    FullName = p.FullName, Position = p.Position, Email = p.Email, Role = p.Role, Department = department,
                });
                await PersonAccounts.RequirePasswordChangeAsync(db, p.Entity.UserId!, ct);
                accounts.Add(new NewAccount(p.Login, p.FullName, p.Department.Name, password));
                continue;
            }
            var e = p.Entity!;
            if (e.DepartmentId != department.Id || e.Role != p.Role) invalidated.Add(e.Id);
            (e.FullName, e.Position, e.Role, e.Department) = (p.FullName, p.Position, p.Role, department);
            if (e.Email != p.Email && p.User is { } user)
            {
                e.Email = user.Email = p.Email;
                user.NormalizedEmail = p.Email?.ToUpperInvariant();
            }
            else e.Email = p.Email;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            return SaveFailed(e, fileName);
        }

        // 2. Curators (a new department may be supervised by a new deputy head: both need their keys first), then the log.
        foreach (var d in planner.AllDepartments.Where(d => d.Curator != d.CuratorBefore && d.CuratorSetBy is { } by && rows[by].Action is ImportAction.Create or ImportAction.Update))
        {
            d.Entity!.CuratorId = d.Curator?.Entity?.Id;
            if (d.CuratorBefore?.Entity is { } before) invalidated.Add(before.Id);
            if (d.Curator?.Entity is { } after) invalidated.Add(after.Id);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var d in departments)
        {
            var created = rows[new RowRef(ImportSheet.Departments, d.Row!.Row)].Action == ImportAction.Create;
            db.AuditEntries.Add(AuditEntry.Create(now, admin.EmployeeId, admin.FullName, created ? "department.created" : "department.updated",
                nameof(Department), d.Entity!.Id.ToString(),
                $"{(created ? "Импорт: создано подразделение" : "Импорт: изменено подразделение")} «{d.Name}»",
                planner.ChangesOf(new RowRef(ImportSheet.Departments, d.Row.Row))));
        }
        foreach (var p in people)
        {
            var created = rows[new RowRef(ImportSheet.People, p.Row!.Row)].Action == ImportAction.Create;
            db.AuditEntries.Add(AuditEntry.Create(now, admin.EmployeeId, admin.FullName, created ? "employee.created" : "employee.updated",
                nameof(Employee), p.Entity!.Id.ToString(),
                $"{(created ? "Импорт: создан сотрудник" : "Импорт: изменён сотрудник")} {p.FullName} ({p.Login})",
                planner.ChangesOf(new RowRef(ImportSheet.People, p.Row.Row))));
        }
        db.AuditEntries.Add(AuditEntry.Create(now, admin.EmployeeId, admin.FullName, "structure.imported", "Import", fileName.Length > 64 ? fileName[..64] : fileName,
            $"Импорт структуры: файл {fileName}, создано {plan.ToCreate}, изменено {plan.ToChange}"));
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e)
        {
            return SaveFailed(e, fileName);
        }

        foreach (var id in invalidated) directory.Invalidate(id);
        // Open department pickers and board titles reload too (a new or renamed department from the file).
        if (plan.ToCreate + plan.ToChange > 0) structure.Notify();
        return new ImportOutcome(plan.ToCreate, plan.ToChange, accounts);
    }

    // A concurrent change (another administrator took the same name or login between the check and the save): the
    // transaction is rolled back when it is disposed, so nothing of the import remains.
    private Result<ImportOutcome> SaveFailed(DbUpdateException e, string fileName)
    {
        logger.LogWarning(e, "Structure import of {File} failed to save", fileName);
        return Result<ImportOutcome>.From(Result.Conflict("Структура изменилась во время импорта. Проверьте файл ещё раз: ничего не импортировано."));
    }
}
