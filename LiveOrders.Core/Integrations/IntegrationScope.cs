namespace LiveOrders.Core.Integrations;

/// <summary>
/// How far another system's access reaches (an API key, or a client-credentials token mapped in configuration).
/// It narrows the employee the system acts as, never widens it: only orders that concern <see cref="DepartmentIds"/>,
/// and changes only when <see cref="CanWrite"/>.
/// </summary>
public sealed record IntegrationScope(IReadOnlyList<int> DepartmentIds, bool CanWrite);
