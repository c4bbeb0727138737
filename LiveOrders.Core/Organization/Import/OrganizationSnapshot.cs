using LiveOrders.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Organization.Import;

/// <summary>
/// The organisation as the import compares against it: every department, person and account. Loaded tracked
/// when the import is applied (the planner's nodes then hold the very entities to change), untracked for a preview.
/// </summary>
internal sealed record OrganizationSnapshot(IReadOnlyList<Department> Departments, IReadOnlyList<Employee> Employees, IReadOnlyList<IdentityUser> Users)
{
    public static async Task<OrganizationSnapshot> LoadAsync(LiveOrdersDbContext db, bool tracked, CancellationToken ct)
    {
        IQueryable<T> Q<T>(IQueryable<T> q) where T : class => tracked ? q : q.AsNoTracking();
        return new OrganizationSnapshot(
            await Q(db.Departments).OrderBy(d => d.Id).ToListAsync(ct),
            await Q(db.Employees).OrderBy(e => e.Id).ToListAsync(ct),
            await Q(db.Users).ToListAsync(ct));
    }
}
