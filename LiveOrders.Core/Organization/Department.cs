namespace LiveOrders.Core.Organization;

/// <summary>A unit of the administration. Departments form a tree; a deputy head curates some of them.</summary>
public sealed class Department
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string ShortName { get; set; }
    public int? ParentId { get; set; }
    public Department? Parent { get; set; }
    /// <summary>The deputy head who supervises this department, if any.</summary>
    public int? CuratorId { get; set; }
    public Employee? Curator { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>
    /// The control department (контрольный отдел): its people oversee every department, read-only, whatever their role.
    /// </summary>
    public bool IsControl { get; set; }
}
