using HotlineDispatch.Deadlines;
using HotlineDispatch.Tickets;
using Xunit;
using static HotlineDispatch.Tests.Deadlines.LocalTime;

namespace HotlineDispatch.Tests.Deadlines;

public sealed class SlaPolicyTests
{
    private static readonly WorkingCalendar Seed = WorkingCalendar.From(new CalendarOptions());

    private static SlaPolicy Policy(SlaOptions? options = null) => new(options ?? new SlaOptions(), Seed);

    [Fact]
    public void Sign_for_takes_two_working_hours_with_yellow_at_eighty_percent()
    {
        var deadline = Policy().StartSign(At("2026-03-02 16:00"), "CGJ", urgent: false, round: 1);

        Assert.Equal(DeadlineStep.Sign, deadline.Step);
        Assert.Equal(TimeSpan.FromHours(2), deadline.Limit);
        Assert.False(deadline.AroundTheClock);
        Assert.Equal(At("2026-03-02 16:00"), deadline.StartedAt);
        Assert.Equal(At("2026-03-03 09:36"), deadline.YellowAt);
        Assert.Equal(At("2026-03-03 10:00"), deadline.DueAt);
    }

    [Fact]
    public void Urgent_sign_for_takes_thirty_clock_minutes_on_a_weekend_night()
    {
        var deadline = Policy().StartSign(At("2026-03-07 23:50"), "CGJ", urgent: true, round: 1);

        Assert.True(deadline.AroundTheClock);
        Assert.Equal(TimeSpan.FromMinutes(30), deadline.Limit);
        Assert.Equal(At("2026-03-08 00:14"), deadline.YellowAt);
        Assert.Equal(At("2026-03-08 00:20"), deadline.DueAt);
    }

    [Fact]
    public void Urgent_reply_takes_twenty_four_clock_hours_over_a_weekend()
    {
        var deadline = Policy().StartReply(At("2026-03-06 20:00"), "CGJ", TicketType.Help, urgent: true, round: 1);

        Assert.Equal(TimeSpan.FromHours(24), deadline.Limit);
        Assert.Equal(At("2026-03-07 20:00"), deadline.DueAt);
    }

    [Theory]
    [InlineData(TicketType.Consultation, 1)]
    [InlineData(TicketType.Help, 5)]
    [InlineData(TicketType.Complaint, 5)]
    [InlineData(TicketType.Report, 10)]
    [InlineData(TicketType.Suggestion, 10)]
    [InlineData(TicketType.Praise, 5)]
    public void Reply_limits_default_to_working_days_by_type(TicketType type, int workingDays)
    {
        var deadline = Policy().StartReply(At("2026-03-02 09:00"), "CGJ", type, urgent: false, round: 1);

        Assert.Equal(TimeSpan.FromHours(7 * workingDays), deadline.Limit);
        Assert.Equal(Seed.Add(At("2026-03-02 09:00"), deadline.Limit), deadline.DueAt);
    }

    [Fact]
    public void Consultation_reply_is_due_one_working_day_later()
    {
        var deadline = Policy().StartReply(At("2026-03-06 15:00"), "CGJ", TicketType.Consultation, urgent: false, round: 1);

        Assert.Equal(At("2026-03-09 15:00"), deadline.DueAt);
    }

    [Fact]
    public void Configuring_one_type_keeps_the_defaults_of_the_others()
    {
        var policy = Policy(new SlaOptions { Reply = { ["complaint"] = TimeSpan.FromDays(3) } });

        Assert.Equal(TimeSpan.FromHours(21), policy.StartReply(At("2026-03-02 09:00"), "CGJ", TicketType.Complaint, false, 1).Limit);
        Assert.Equal(TimeSpan.FromHours(35), policy.StartReply(At("2026-03-02 09:00"), "CGJ", TicketType.Help, false, 1).Limit);
    }

    [Fact]
    public void Yellow_follows_a_configured_share()
    {
        var deadline = Policy(new SlaOptions { YellowAt = 0.5 }).StartSign(At("2026-03-02 11:00"), "CGJ", false, 1);

        Assert.Equal(0.5, Policy(new SlaOptions { YellowAt = 0.5 }).YellowAt);
        Assert.Equal(At("2026-03-02 12:00"), deadline.YellowAt);
        Assert.Equal(At("2026-03-02 14:00"), deadline.DueAt);
    }

    [Fact]
    public void A_department_override_beats_the_type_limit_and_the_sign_for_limit()
    {
        var policy = Policy(new SlaOptions
        {
            Reply = { ["Complaint"] = TimeSpan.FromDays(3) },
            Departments =
            {
                ["WATER"] = new DepartmentSlaOptions { SignFor = TimeSpan.FromHours(1), Reply = { ["complaint"] = TimeSpan.FromDays(2) } },
            },
        });

        Assert.Equal(TimeSpan.FromHours(1), policy.StartSign(At("2026-03-02 09:00"), "water", false, 1).Limit);
        Assert.Equal(TimeSpan.FromHours(14), policy.StartReply(At("2026-03-02 09:00"), "WATER", TicketType.Complaint, false, 1).Limit);
        Assert.Equal(TimeSpan.FromHours(35), policy.StartReply(At("2026-03-02 09:00"), "WATER", TicketType.Help, false, 1).Limit);
        Assert.Equal(TimeSpan.FromHours(21), policy.StartReply(At("2026-03-02 09:00"), "CGJ", TicketType.Complaint, false, 1).Limit);
        Assert.Equal(TimeSpan.FromHours(2), policy.StartSign(At("2026-03-02 09:00"), "CGJ", false, 1).Limit);
    }

    [Fact]
    public void Urgent_limits_are_not_overridden_by_departments()
    {
        var policy = Policy(new SlaOptions
        {
            Departments = { ["WATER"] = new DepartmentSlaOptions { SignFor = TimeSpan.FromHours(4) } },
        });

        Assert.Equal(TimeSpan.FromMinutes(30), policy.StartSign(At("2026-03-02 09:00"), "WATER", true, 1).Limit);
    }

    [Fact]
    public void A_deadline_remembers_its_department_and_round_and_starts_in_the_calendar_offset()
    {
        var deadline = Policy().StartReply(
            new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero), "CGJ", TicketType.Help, urgent: false, round: 2);

        Assert.Equal("CGJ", deadline.Department);
        Assert.Equal(2, deadline.Round);
        Assert.Equal(LocalTime.China, deadline.StartedAt.Offset);
        Assert.Equal(LocalTime.China, deadline.DueAt.Offset);
    }

    [Fact]
    public void Calendar_of_a_deadline_is_clock_time_for_urgent_ones()
    {
        var policy = Policy();

        Assert.Same(Seed, policy.CalendarOf(policy.StartSign(At("2026-03-02 09:00"), "CGJ", false, 1)));
        Assert.Same(WorkingCalendar.AroundTheClock, policy.CalendarOf(policy.StartSign(At("2026-03-02 09:00"), "CGJ", true, 1)));
    }
}
