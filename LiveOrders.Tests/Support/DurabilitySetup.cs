using LiveOrders.Core.Data;
using LiveOrders.Core.Integrations;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Tests.Support;

/// <summary>
/// What the durability load needs in a database the app has seeded with the demo: an API key with write access issued by
/// the demo's administrator to a department head, and a department to address. Plain code (linked by <c>bench/durability</c>).
/// </summary>
public static class DurabilitySetup
{
    public sealed record Prepared(string ApiKey, int DepartmentId);

    public static async Task<Prepared> PrepareAsync(IDbContextFactory<LiveOrdersDbContext> dbFactory, ApiKeys keys)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var admin = await db.Employees.FirstAsync(e => e.IsActive && e.Role == Role.Administrator);
        var head = await db.Employees.OrderBy(e => e.Id).FirstAsync(e => e.IsActive && e.Role == Role.DepartmentHead);
        var target = await db.Departments.Where(ExecutingDepartment.Qualifies).Where(d => d.Id != head.DepartmentId).OrderBy(d => d.Id)
            .Select(d => d.Id).FirstAsync();
        var all = await db.Departments.Where(d => d.IsActive).Select(d => d.Id).ToListAsync();
        var issued = await keys.IssueAsync(new Actor(admin.Id, admin.FullName, admin.DepartmentId, admin.Role, []),
            new ApiKeyRequest($"Проверка прочности {Guid.NewGuid():N}"[..40], head.Id, all, CanWrite: true));
        if (!issued.Ok) throw new InvalidOperationException($"Could not issue the API key: {issued.Message}");
        return new Prepared(issued.Value!.Secret, target);
    }
}
