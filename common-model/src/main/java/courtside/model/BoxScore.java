package courtside.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import tools.jackson.databind.annotation.JsonSerialize;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodHandles.Lookup;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The numbers of one box-score line: every {@link BoxScoreStat}, the overtime periods its minutes are bounded by,
 * and the plus-minus. The one value that the request, the stored row, the event and the answer of a line carry;
 * code that handles every stat loops over {@link BoxScoreStat#values()} with {@link #value} and {@link #of} instead
 * of naming them, so that a new stat is an enum entry, a component here and a migration.
 *
 * <p>The shooting block ({@code fgm} … {@code dreb}) is all eight values or all {@code null}; the value does not
 * enforce it because an event from the wire must stay readable to be reported ({@link LineRules#shootingProblems}).
 * {@code plus_minus} may be {@code null}.
 *
 * <p>On the wire the value is flat: its fields sit among the line's own ({@code @JsonUnwrapped}), in the order of
 * the components, written by {@link BoxScoreJson}. In stats-service's entity it is embedded, one column per component.
 */
@Embeddable
@JsonSerialize(using = BoxScoreJson.class)
public record BoxScore(
        int points,
        int rebounds,
        int assists,
        int steals,
        int blocks,
        int turnovers,
        int fouls,
        @Column(precision = 6, scale = 3) BigDecimal minutesPlayed,
        int overtimePeriods,
        Integer fgm,
        Integer fga,
        Integer fg3m,
        Integer fg3a,
        Integer ftm,
        Integer fta,
        Integer oreb,
        Integer dreb,
        Integer plusMinus) {

    private static final String OVERTIME_PERIODS = "overtime_periods";
    private static final String PLUS_MINUS = "plus_minus";
    private static final List<String> FIELD_NAMES = Stream.of(
                    BoxScoreStat.counting().stream().map(BoxScoreStat::wireName), Stream.of(OVERTIME_PERIODS),
                    BoxScoreStat.shooting().stream().map(BoxScoreStat::wireName), Stream.of(PLUS_MINUS))
            .flatMap(names -> names).toList();

    public BoxScore {
        Objects.requireNonNull(minutesPlayed, "minutes_played");
    }

    /**
     * The wire names of the fields, in wire order: the counting stats, {@code minutes_played},
     * {@code overtime_periods}, the shooting block, {@code plus_minus}. They are also the columns of
     * {@code stat_line}.
     */
    public static List<String> fieldNames() {
        return FIELD_NAMES;
    }

    /**
     * The fields by wire name, in the order of {@link #fieldNames()}: {@link Integer}s, the {@link BigDecimal}
     * minutes, {@code null} for a field the line does not have.
     */
    public SequencedMap<String, Number> fields() {
        SequencedMap<String, Number> fields = new LinkedHashMap<>();
        BoxScoreStat.counting().forEach(stat -> fields.put(stat.wireName(), value(stat)));
        fields.put(OVERTIME_PERIODS, overtimePeriods);
        BoxScoreStat.shooting().forEach(stat -> fields.put(stat.wireName(), value(stat)));
        fields.put(PLUS_MINUS, plusMinus);
        return fields;
    }

    /**
     * A line from its stats, read one by one: {@code stats} gives an {@link Integer} for every stat but
     * {@link BoxScoreStat#MINUTES_PLAYED}, a {@link BigDecimal} for that one, {@code null} for a shooting stat the
     * line does not have.
     */
    public static BoxScore of(Function<BoxScoreStat, ? extends Number> stats, int overtimePeriods, Integer plusMinus) {
        return Components.make(stats, overtimePeriods, plusMinus);
    }

    /**
     * One stat of the line: an {@link Integer}, or the {@link BigDecimal} minutes for
     * {@link BoxScoreStat#MINUTES_PLAYED}; {@code null} for a shooting stat of a line without the shooting block.
     */
    public Number value(BoxScoreStat stat) {
        return Components.value(this, stat);
    }

    /** Whether the line carries the shooting block (a valid line has all eight values or none). */
    public boolean hasShooting() {
        return fgm != null;
    }

    /**
     * Whether the two lines have the same numbers: minutes compared by value ({@code 30.5} is {@code 30.500}, as
     * PostgreSQL's {@code numeric(6,3)} stores it), everything else exactly.
     */
    public boolean sameAs(BoxScore other) {
        for (BoxScoreStat stat : BoxScoreStat.values()) {
            Number mine = value(stat);
            Number theirs = other.value(stat);
            boolean same = mine instanceof BigDecimal decimal && theirs instanceof BigDecimal otherDecimal
                    ? decimal.compareTo(otherDecimal) == 0
                    : Objects.equals(mine, theirs);
            if (!same) {
                return false;
            }
        }
        return overtimePeriods == other.overtimePeriods && Objects.equals(plusMinus, other.plusMinus);
    }

    /**
     * The components of the record, matched to {@link BoxScoreStat} by name once, when the class loads. The record
     * keeps one component per stat because JPA maps an embeddable's columns from its fields and Jackson reads
     * an event's flat fields into them; everything else goes through the enum, so a new stat is an enum entry, a
     * component of the same name and a migration. A stat without a component, or a component that is neither a
     * stat nor one of the two other fields, stops the class from loading, and with it every test.
     */
    private static final class Components {

        private static final Lookup LOOKUP = MethodHandles.lookup();
        private static final RecordComponent[] ALL = BoxScore.class.getRecordComponents();
        private static final MethodHandle[] ACCESSOR_OF_STAT = new MethodHandle[BoxScoreStat.values().length];
        /** The stat of each component, in component order; {@code null} for overtime periods and plus-minus. */
        private static final BoxScoreStat[] STAT_AT = new BoxScoreStat[ALL.length];
        private static final MethodHandle CONSTRUCTOR;

        static {
            Map<String, BoxScoreStat> statOfComponent = new HashMap<>();
            for (BoxScoreStat stat : BoxScoreStat.values()) {
                statOfComponent.put(componentName(stat.wireName()), stat);
            }
            Class<?>[] types = new Class<?>[ALL.length];
            for (int i = 0; i < ALL.length; i++) {
                RecordComponent component = ALL[i];
                types[i] = component.getType();
                BoxScoreStat stat = statOfComponent.remove(component.getName());
                STAT_AT[i] = stat;
                if (stat != null) {
                    ACCESSOR_OF_STAT[stat.ordinal()] = handle(() -> LOOKUP.unreflect(component.getAccessor())
                            .asType(MethodType.methodType(Number.class, BoxScore.class)));
                } else if (!component.getName().equals("overtimePeriods") && !component.getName().equals("plusMinus")) {
                    throw new IllegalStateException("BoxScore component " + component.getName() + " is not a BoxScoreStat");
                }
            }
            if (!statOfComponent.isEmpty()) {
                throw new IllegalStateException("BoxScoreStat without a BoxScore component: " + statOfComponent.values());
            }
            CONSTRUCTOR = handle(() -> LOOKUP.findConstructor(BoxScore.class, MethodType.methodType(void.class, types))
                    .asSpreader(Object[].class, types.length));
        }

        private Components() {
        }

        static Number value(BoxScore line, BoxScoreStat stat) {
            try {
                return (Number) ACCESSOR_OF_STAT[stat.ordinal()].invokeExact(line);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        static BoxScore make(Function<BoxScoreStat, ? extends Number> stats, int overtimePeriods, Integer plusMinus) {
            Object[] arguments = new Object[ALL.length];
            for (int i = 0; i < ALL.length; i++) {
                BoxScoreStat stat = STAT_AT[i];
                if (stat != null) {
                    arguments[i] = stats.apply(stat);
                } else if (ALL[i].getName().equals("overtimePeriods")) {
                    arguments[i] = overtimePeriods;
                } else {
                    arguments[i] = plusMinus;
                }
            }
            try {
                return (BoxScore) CONSTRUCTOR.invokeExact(arguments);
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        /** {@code minutes_played} is the component {@code minutesPlayed}. */
        private static String componentName(String wireName) {
            StringBuilder name = new StringBuilder();
            boolean upper = false;
            for (char c : wireName.toCharArray()) {
                if (c == '_') {
                    upper = true;
                } else {
                    name.append(upper ? Character.toUpperCase(c) : c);
                    upper = false;
                }
            }
            return name.toString();
        }

        private interface HandleSource {
            MethodHandle get() throws ReflectiveOperationException;
        }

        private static MethodHandle handle(HandleSource source) {
            try {
                return source.get();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
