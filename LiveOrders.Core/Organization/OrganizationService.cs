using LiveOrders.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Organization;

/// <summary>Changes to who works where. Administrators only; every change takes effect on open screens at once.</summary>
public sealed class OrganizationService(IDbContextFactory<LiveOrdersDbContext> dbFactory, ActorDirectory directory)
{
    public async Task<Result> MoveEmployeeAsync(Actor admin, int employeeId, int departmentId, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageOrganization(admin)) return Result.Forbidden("Переводить сотрудников может только администратор.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var employee = await db.Employees.FirstOrDefaultAsync(e => e.Id == employeeId, ct);
        if (employee is null) return Result.Invalid("Сотрудник не найден.");
        if (!await db.Departments.AnyAsync(d => d.Id == departmentId && d.IsActive, ct)) return Result.Invalid("Подразделение не найдено.", "department");
        employee.DepartmentId = departmentId;
        await db.SaveChangesAsync(ct);
        directory.Invalidate(employeeId);
        return Result.Success;
    }

    public async Task<Result> DeactivateAsync(Actor admin, int employeeId, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageOrganization(admin)) return Result.Forbidden("Отключать сотрудников может только администратор.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var employee = await db.Employees.FirstOrDefaultAsync(e => e.Id == employeeId, ct);
        if (employee is null) return Result.Invalid("Сотрудник не найден.");
        employee.IsActive = false;
        await db.SaveChangesAsync(ct);
        directory.Invalidate(employeeId);
        return Result.Success;
    }
}
