using LiveOrders.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Organization;

/// <summary>Turns a signed-in account into the <see cref="Actor"/> every rule is checked against.</summary>
public sealed class ActorDirectory(IDbContextFactory<LiveOrdersDbContext> dbFactory)
{
    public async Task<Actor?> FindByUserIdAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var employee = await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.UserId == userId && e.IsActive, ct);
        if (employee is null) return null;
        var supervised = employee.Role == Role.DeputyHead
            ? await db.Departments.Where(d => d.CuratorId == employee.Id).Select(d => d.Id).ToListAsync(ct)
            : [];
        return new Actor(employee.Id, employee.FullName, employee.DepartmentId, employee.Role, supervised);
    }
}
