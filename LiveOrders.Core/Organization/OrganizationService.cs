namespace LiveOrders.Core.Organization;

/// <summary>
/// The older entry points for moving and switching people off, kept for their callers; they go through
/// <see cref="PeopleAdministration"/>, so the same rules, audit and live invalidation apply.
/// </summary>
public sealed class OrganizationService(PeopleAdministration people)
{
    public Task<Result> MoveEmployeeAsync(Actor admin, int employeeId, int departmentId, CancellationToken ct = default) =>
        people.MoveAsync(admin, employeeId, departmentId, version: null, ct);

    public Task<Result> DeactivateAsync(Actor admin, int employeeId, CancellationToken ct = default) =>
        people.DeactivateAsync(admin, employeeId, version: null, ct);
}
