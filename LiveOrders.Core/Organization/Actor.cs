namespace LiveOrders.Core.Organization;

/// <summary>
/// Who is acting: the signed-in employee with what their role reaches. Built once per request
/// or circuit from the database, so every rule sees the same facts.
/// </summary>
public sealed record Actor(int EmployeeId, string FullName, int DepartmentId, Role Role, IReadOnlyList<int> SupervisedDepartmentIds,
    long Generation = 0)
{
    /// <summary>Set when another system acts as this employee through an API key or token: it can only narrow what they may do.</summary>
    public Integrations.IntegrationScope? Integration { get; init; }

    /// <summary>
    /// A person of the control department (<see cref="Department.IsControl"/>), whatever their role: they oversee every
    /// department, read-only outside their own department's orders.
    /// </summary>
    public bool InControlDepartment { get; init; }

    public bool SeesEverything => Role is Role.Controller or Role.Administrator || InControlDepartment;
    public bool IsReadOnly => Role is Role.Controller or Role.Administrator;
    public bool IsHeadOf(int departmentId) => Role == Role.DepartmentHead && DepartmentId == departmentId;

    /// <summary>
    /// Whether belonging to a department shows its orders. A deputy head belongs to the administration, which
    /// issues and executes nothing as a working department: she sees what she supervises or takes part in.
    /// </summary>
    public bool SeesOwnDepartment => Role != Role.DeputyHead;
    /// <summary>
    /// Whether the actor may act on an order at all: everyone may, except the control department outside its own
    /// business (orders its department issues or executes, or the person takes part in), where it only oversees.
    /// </summary>
    public bool ActsOn(int issuingDepartmentId, int executingDepartmentId, bool takesPart) =>
        !InControlDepartment || takesPart || issuingDepartmentId == DepartmentId || executingDepartmentId == DepartmentId;

    public bool Supervises(int departmentId) => Role == Role.DeputyHead && SupervisedDepartmentIds.Contains(departmentId);
}
