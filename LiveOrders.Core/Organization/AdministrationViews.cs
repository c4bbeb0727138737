namespace LiveOrders.Core.Organization;

/// <summary>What an administrator fills in for a department. Null parent only for the administration at the root.</summary>
public sealed record DepartmentForm(string? Name, string? ShortName, int? ParentId, int? CuratorId);

/// <summary>A department as the administration's tree shows it. <see cref="Version"/> is what an edit must still find.</summary>
public sealed record DepartmentRow(
    int Id,
    string Name,
    string ShortName,
    int? ParentId,
    int? CuratorId,
    string? Curator,
    int? HeadId,
    string? Head,
    bool IsActive,
    bool IsControl,
    int PeopleCount,
    string Version);

/// <summary>What an administrator fills in for a person.</summary>
public sealed record PersonForm(string? Login, string? FullName, string? Position, string? Email, int DepartmentId, Role Role);

/// <summary>A person as the administration's list shows them.</summary>
public sealed record PersonRow(
    int Id,
    string? Login,
    string FullName,
    string Position,
    string? Email,
    int DepartmentId,
    string Department,
    Role Role,
    bool IsActive,
    bool IsLockedOut,
    string Version)
{
    public PersonForm ToForm() => new(Login, FullName, Position, Email, DepartmentId, Role);
}

public sealed record PeopleFilter(string? Text = null, int? DepartmentId = null, Role? Role = null, bool? Active = true);

/// <summary>A new person and the one-time password to hand them (shown once, stored only hashed).</summary>
public sealed record CreatedPerson(int Id, string Login, string Password);

/// <summary>An open order a person takes part in, and how: to reassign before or after they leave.</summary>
public sealed record PersonOpenOrder(int Id, string Number, string Title, string ExecutingDepartment, string Part);
