using System.Text;

namespace LiveOrders.Core.Ldap;

/// <summary>Values put into LDAP search filters.</summary>
public static class LdapFilter
{
    /// <summary>
    /// Escapes a value for a filter per RFC 4515 §3: <c>* ( ) \ NUL</c> become <c>\2a \28 \29 \5c \00</c>, so that a
    /// login such as <c>*)(uid=*</c> is looked up as those characters and never widens the filter. Non-ASCII is left
    /// as UTF-8 text, which the RFC allows.
    /// </summary>
    public static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            escaped.Append(c switch
            {
                '*' => @"\2a",
                '(' => @"\28",
                ')' => @"\29",
                '\\' => @"\5c",
                '\0' => @"\00",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }
}
