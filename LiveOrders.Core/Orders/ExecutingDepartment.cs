using System.Linq.Expressions;
using LiveOrders.Core.Organization;

namespace LiveOrders.Core.Orders;

/// <summary>Which departments execute orders: active управления and отделы, never the administration at the root.</summary>
public static class ExecutingDepartment
{
    public static readonly Expression<Func<Department, bool>> Qualifies = d => d.IsActive && d.ParentId != null;

    public const string NotFound = "Подразделение-исполнитель не найдено: поручения исполняют управления и отделы, а не администрация в целом.";
}
