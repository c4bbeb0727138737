using System.Collections.Concurrent;
using LiveOrders.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Organization;

/// <summary>
/// Turns a signed-in account into the <see cref="Actor"/> every rule is checked against, and says
/// when an actor built earlier no longer holds (the person moved, lost a role, was switched off):
/// open screens then stop receiving events and reload, and the services refuse their writes.
/// </summary>
public sealed class ActorDirectory(IDbContextFactory<LiveOrdersDbContext> dbFactory)
{
    private readonly ConcurrentDictionary<int, long> _generations = new();
    // Everyone this node built an actor for: who to check again when changes from other nodes were lost on the way.
    private readonly ConcurrentDictionary<int, byte> _issued = new();

    /// <summary>Raised with the employee's id when what they may see or do has changed (here or on another node).</summary>
    public event Action<int>? Changed;

    /// <summary>
    /// Raised with the employee's id for a change made on this node only, for the cross-node relay to pass on (a change
    /// that arrived from another node is not passed back).
    /// </summary>
    public event Action<int>? InvalidatedHere;

    public async Task<Actor?> FindByUserIdAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var employee = await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.UserId == userId && e.IsActive, ct);
        return employee is null ? null : await ActorOfAsync(db, employee, ct);
    }

    public async Task<Actor?> FindByEmployeeIdAsync(int employeeId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var employee = await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.Id == employeeId && e.IsActive, ct);
        return employee is null ? null : await ActorOfAsync(db, employee, ct);
    }

    private async Task<Actor> ActorOfAsync(LiveOrdersDbContext db, Employee employee, CancellationToken ct)
    {
        _issued.TryAdd(employee.Id, 0);
        var generation = _generations.GetValueOrDefault(employee.Id);
        var supervised = employee.Role == Role.DeputyHead
            ? await db.Departments.Where(d => d.CuratorId == employee.Id).Select(d => d.Id).ToListAsync(ct)
            : [];
        var control = await db.Departments.AnyAsync(d => d.Id == employee.DepartmentId && d.IsControl, ct);
        return new Actor(employee.Id, employee.FullName, employee.DepartmentId, employee.Role, supervised, generation)
        {
            InControlDepartment = control,
        };
    }

    public bool IsCurrent(Actor actor) => _generations.GetValueOrDefault(actor.EmployeeId) == actor.Generation;

    /// <summary>Called after an organisational change to <paramref name="employeeId"/> has committed.</summary>
    public void Invalidate(int employeeId)
    {
        InvalidateFromElsewhere(employeeId);
        InvalidatedHere?.Invoke(employeeId);
    }

    /// <summary>An organisational change to <paramref name="employeeId"/> committed on another node.</summary>
    public void InvalidateFromElsewhere(int employeeId)
    {
        _generations.AddOrUpdate(employeeId, 1, (_, g) => g + 1);
        Changed?.Invoke(employeeId);
    }

    /// <summary>
    /// Changes made on other nodes may have been lost on the way (the feed fell too far behind): every actor this node
    /// built is stale, and every open screen checks again who its person is now.
    /// </summary>
    public void InvalidateEveryone()
    {
        foreach (var employeeId in _issued.Keys) InvalidateFromElsewhere(employeeId);
    }
}
