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
    // Everyone this node built an actor for, with the generation and the facts it was last built from: who to check
    // again when changes from other nodes were lost on the way, and what to compare with.
    private readonly ConcurrentDictionary<int, (long Generation, ActorFacts Facts)> _issued = new();

    /// <summary>What an actor is built from, beyond the name: a change in any of them changes what the person may do.</summary>
    private sealed record ActorFacts(bool Active, int DepartmentId, Role Role, bool Control, string Supervised);

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
        var supervised = employee.Role == Role.DeputyHead
            ? await db.Departments.Where(d => d.CuratorId == employee.Id).Select(d => d.Id).ToListAsync(ct)
            : [];
        var control = await db.Departments.AnyAsync(d => d.Id == employee.DepartmentId && d.IsControl, ct);
        Notice(employee.Id, new ActorFacts(true, employee.DepartmentId, employee.Role, control, string.Join(',', supervised.Order())));
        var generation = _generations.GetValueOrDefault(employee.Id);
        return new Actor(employee.Id, employee.FullName, employee.DepartmentId, employee.Role, supervised, generation)
        {
            InControlDepartment = control,
        };
    }

    /// <summary>
    /// Records what this node's actors of the person are now built from. Facts that changed while the generation did not
    /// mean a change no message told of (lost between nodes: its node died between the commit and the message), so the
    /// actors built before are made stale here, as the message would have.
    /// </summary>
    private void Notice(int employeeId, ActorFacts facts)
    {
        var generation = _generations.GetValueOrDefault(employeeId);
        var known = _issued.TryGetValue(employeeId, out var before);
        _issued[employeeId] = (generation, facts);
        if (known && before.Generation == generation && before.Facts != facts) InvalidateFromElsewhere(employeeId);
    }

    /// <summary>
    /// Builds again, from the database, the facts of everyone this node built an actor for, and makes stale those that
    /// changed with no message (<see cref="Notice"/>). The cross-node relay calls it now and then, for people whose
    /// open screens build nothing new.
    /// </summary>
    public async Task CheckIssuedAsync(CancellationToken ct = default)
    {
        var ids = _issued.Keys.ToList();
        if (ids.Count == 0) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var people = await db.Employees.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.IsActive, e.DepartmentId, e.Role }).ToDictionaryAsync(e => e.Id, ct);
        var curated = (await db.Departments.AsNoTracking().Where(d => d.CuratorId != null && ids.Contains(d.CuratorId.Value))
            .Select(d => new { d.Id, Curator = d.CuratorId!.Value }).ToListAsync(ct)).ToLookup(d => d.Curator, d => d.Id);
        var control = (await db.Departments.AsNoTracking().Where(d => d.IsControl).Select(d => d.Id).ToListAsync(ct)).ToHashSet();
        foreach (var id in ids)
        {
            var facts = people.TryGetValue(id, out var e)
                ? new ActorFacts(e.IsActive, e.DepartmentId, e.Role, control.Contains(e.DepartmentId),
                    e.Role == Role.DeputyHead ? string.Join(',', curated[id].Order()) : "")
                : new ActorFacts(false, 0, default, false, "");
            Notice(id, facts);
        }
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
