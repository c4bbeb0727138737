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

    public bool SeesEverything => Role is Role.Controller or Role.Administrator;
    public bool IsReadOnly => Role is Role.Controller or Role.Administrator;
    public bool IsHeadOf(int departmentId) => Role == Role.DepartmentHead && DepartmentId == departmentId;

    /// <summary>
    /// Whether belonging to a department shows its orders. A deputy head belongs to the administration, which
    /// issues and executes nothing as a working department: she sees what she supervises or takes part in.
    /// </summary>
    public bool SeesOwnDepartment => Role != Role.DeputyHead;
    public bool Supervises(int departmentId) => Role == Role.DeputyHead && SupervisedDepartmentIds.Contains(departmentId);
}
