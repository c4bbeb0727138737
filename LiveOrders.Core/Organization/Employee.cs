namespace LiveOrders.Core.Organization;

/// <summary>A person of the administration, linked to the account they sign in with.</summary>
public sealed class Employee
{
    public int Id { get; set; }
    public required string FullName { get; set; }
    public required string Position { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    public Role Role { get; set; }
    public string? Email { get; set; }
    /// <summary>The Identity account's id; null for people who never sign in.</summary>
    public string? UserId { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>"Иванов И. И." from "Иванов Иван Иванович".</summary>
    public string ShortName => ShortNameOf(FullName);

    public static string ShortNameOf(string fullName)
    {
        var parts = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            0 => "",
            1 => parts[0],
            2 => $"{parts[0]} {parts[1][0]}.",
            _ => $"{parts[0]} {parts[1][0]}. {parts[2][0]}.",
        };
    }
}
