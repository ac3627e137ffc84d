using HotlineDispatch.Deadlines;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.Configuration;
using Xunit;
using static HotlineDispatch.Tests.Deadlines.LocalTime;

namespace HotlineDispatch.Tests.Deadlines;

public sealed class SlaConfigurationTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value)))
            .Build();

    private static SlaPolicy PolicyFrom(IConfiguration configuration) =>
        new(
            configuration.GetSection(SlaOptions.SectionName).Get<SlaOptions>() ?? new SlaOptions(),
            WorkingCalendar.From(configuration.GetSection(CalendarOptions.SectionName).Get<CalendarOptions>() ?? new CalendarOptions()));

    [Fact]
    public void Limits_and_holidays_bind_from_configuration()
    {
        var policy = PolicyFrom(Configuration(
            ("Hotline:Sla:SignFor", "00:00:06"),
            ("Hotline:Sla:Reply:Complaint", "5.00:00:00"),
            ("Hotline:Calendar:Holidays:0", "2026-10-01")));

        Assert.False(policy.Calendar.IsWorkingDay(Day("2026-10-01")));
        Assert.True(policy.Calendar.IsWorkingDay(Day("2026-10-02")));
        Assert.Equal(TimeSpan.FromSeconds(6), policy.StartSign(At("2026-03-02 09:00"), "CGJ", false, 1).Limit);
        Assert.Equal(TimeSpan.FromHours(35), policy.StartReply(At("2026-03-02 09:00"), "CGJ", TicketType.Complaint, false, 1).Limit);
        Assert.Equal(TimeSpan.FromHours(7), policy.StartReply(At("2026-03-02 09:00"), "CGJ", TicketType.Consultation, false, 1).Limit);
        Assert.Equal(0.8, policy.YellowAt);
    }

    [Fact]
    public void Empty_configuration_gives_the_documented_defaults()
    {
        var policy = PolicyFrom(Configuration());

        Assert.Equal(TimeSpan.FromHours(7), policy.Calendar.WorkingDayLength);
        Assert.Equal(TimeSpan.FromHours(2), policy.StartSign(At("2026-03-02 09:00"), "CGJ", false, 1).Limit);
        Assert.Equal(TimeSpan.FromMinutes(30), policy.StartSign(At("2026-03-02 09:00"), "CGJ", true, 1).Limit);
    }

    [Fact]
    public void Configured_periods_replace_the_default_periods_rather_than_add_to_them()
    {
        var policy = PolicyFrom(Configuration(
            ("Hotline:Calendar:Periods:0", "08:00-12:00"),
            ("Hotline:Calendar:WorkingDays:0", "Saturday")));

        Assert.Equal(TimeSpan.FromHours(4), policy.Calendar.WorkingDayLength);
        Assert.False(policy.Calendar.IsWorkingDay(Day("2026-03-02")));
        Assert.True(policy.Calendar.IsWorkingDay(Day("2026-03-07")));
    }

    [Fact]
    public void Type_and_department_keys_bind_case_insensitively()
    {
        var policy = PolicyFrom(Configuration(
            ("Hotline:Sla:Reply:report", "3.00:00:00"),
            ("Hotline:Sla:Departments:Water:SignFor", "01:00:00"),
            ("Hotline:Sla:Departments:Water:Reply:HELP", "2.00:00:00")));

        Assert.Equal(TimeSpan.FromHours(21), policy.StartReply(At("2026-03-02 09:00"), "CGJ", TicketType.Report, false, 1).Limit);
        Assert.Equal(TimeSpan.FromHours(1), policy.StartSign(At("2026-03-02 09:00"), "WATER", false, 1).Limit);
        Assert.Equal(TimeSpan.FromHours(14), policy.StartReply(At("2026-03-02 09:00"), "water", TicketType.Help, false, 1).Limit);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Yellow_share_must_be_strictly_between_zero_and_one(double yellowAt)
    {
        var error = Assert.Throws<ArgumentException>(() => new SlaPolicy(new SlaOptions { YellowAt = yellowAt }, WorkingCalendar.AroundTheClock));

        Assert.StartsWith("Hotline:Sla:YellowAt must be between 0 and 1 (exclusive)", error.Message);
    }

    [Fact]
    public void An_unknown_ticket_type_is_rejected_naming_the_key()
    {
        var error = Assert.Throws<ArgumentException>(
            () => PolicyFrom(Configuration(("Hotline:Sla:Reply:Complain", "5.00:00:00"))));

        Assert.StartsWith("Hotline:Sla:Reply:Complain is not a ticket type", error.Message);
    }

    [Fact]
    public void A_limit_that_is_not_positive_is_rejected_naming_the_key()
    {
        var signFor = Assert.Throws<ArgumentException>(() => PolicyFrom(Configuration(("Hotline:Sla:SignFor", "00:00:00"))));
        var departmentReply = Assert.Throws<ArgumentException>(
            () => PolicyFrom(Configuration(("Hotline:Sla:Departments:WATER:Reply:Help", "-1.00:00:00"))));

        Assert.StartsWith("Hotline:Sla:SignFor must be longer than zero", signFor.Message);
        Assert.StartsWith("Hotline:Sla:Departments:WATER:Reply:Help must be longer than zero", departmentReply.Message);
    }
}
