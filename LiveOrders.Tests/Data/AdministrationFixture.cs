using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data;

/// <summary>The test organisation plus one real administrator (it has none), and the administration's services over it.</summary>
public abstract class AdministrationFixture : IAsyncLifetime
{
    protected TestDatabase Db { get; private set; } = default!;
    protected Actor Admin { get; private set; } = default!;
    protected DepartmentAdministration Departments => Db.Services.GetRequiredService<DepartmentAdministration>();
    protected PeopleAdministration People => Db.Services.GetRequiredService<PeopleAdministration>();

    public async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync();
        await using var db = Db.CreateDbContext();
        var root = await db.Departments.SingleAsync(d => d.ParentId == null);
        var admin = new Employee { FullName = "Админов Адам Адамович", Position = "Администратор", DepartmentId = root.Id, Role = Role.Administrator };
        db.Employees.Add(admin);
        await db.SaveChangesAsync();
        Admin = new Actor(admin.Id, admin.FullName, root.Id, Role.Administrator, []);
    }

    public async Task DisposeAsync() => await Db.DisposeAsync();

    protected async Task<List<LiveOrders.Core.Audit.AuditEntry>> AuditAsync()
    {
        await using var db = Db.CreateDbContext();
        return await db.AuditEntries.OrderBy(a => a.Id).ToListAsync();
    }

    protected async Task<Employee> EmployeeAsync(int id)
    {
        await using var db = Db.CreateDbContext();
        return await db.Employees.SingleAsync(e => e.Id == id);
    }

    protected async Task<Department> DepartmentAsync(int id)
    {
        await using var db = Db.CreateDbContext();
        return await db.Departments.SingleAsync(d => d.Id == id);
    }
}
