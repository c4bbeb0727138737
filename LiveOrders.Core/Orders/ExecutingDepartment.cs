namespace LiveOrders.Core.Orders;

/// <summary>Which departments execute orders: the управления and отделы, never the administration at the root.</summary>
public static class ExecutingDepartment
{
    public const string NotFound = "Подразделение-исполнитель не найдено: поручения исполняют управления и отделы, а не администрация в целом.";
}
