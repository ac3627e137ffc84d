using System.Reflection;
using System.Runtime.CompilerServices;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Tests.Tickets;

/// <summary>
/// A ticket changes only through its steps: nothing outside the domain can set what it or its history holds
/// (a history entry is an immutable record, whose init-only properties are set once, when it is made).
/// </summary>
public sealed class TicketEncapsulationTests
{
    [Theory]
    [InlineData(typeof(Ticket))]
    [InlineData(typeof(TicketEvent))]
    public void No_property_can_be_set_from_outside_once_made(Type type)
    {
        var settable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } setter
                && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
            .Select(p => p.Name)
            .ToList();

        Assert.Empty(settable);
    }
}
