using System.Security.Claims;
using LiveOrders.Core.Integrations;
using LiveOrders.Core.Organization;

namespace LiveOrders.Web.Infrastructure;

public static class ActorDirectoryExtensions
{
    /// <summary>
    /// The actor behind a request or circuit: a person by their account, or another system as the employee its key or
    /// token acts as, narrowed to its scope (<see cref="IntegrationClaims"/>).
    /// </summary>
    public static async Task<Actor?> FindAsync(this ActorDirectory directory, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.FindFirstValue(IntegrationClaims.EmployeeId) is { } employeeClaim)
        {
            if (!int.TryParse(employeeClaim, out var employeeId)) return null;
            var actor = await directory.FindByEmployeeIdAsync(employeeId, ct);
            if (actor is null) return null;
            var departments = user.FindAll(IntegrationClaims.Department).Select(c => int.TryParse(c.Value, out var id) ? id : 0).Where(id => id > 0).ToList();
            return actor with { Integration = new IntegrationScope(departments, user.FindFirstValue(IntegrationClaims.Access) == "write") };
        }
        return user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId ? await directory.FindByUserIdAsync(userId, ct) : null;
    }
}
