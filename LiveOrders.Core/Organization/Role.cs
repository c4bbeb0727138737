namespace LiveOrders.Core.Organization;

/// <summary>What a person does in the administration; decides what they may see and do.</summary>
public enum Role
{
    Employee,
    DepartmentHead,
    DeputyHead,
    Controller,
    Administrator,
}

public static class RoleNames
{
    public static string Russian(this Role role) => role switch
    {
        Role.Employee => "Сотрудник",
        Role.DepartmentHead => "Начальник управления",
        Role.DeputyHead => "Заместитель главы",
        Role.Controller => "Контроль",
        Role.Administrator => "Администратор",
        _ => role.ToString(),
    };
}
