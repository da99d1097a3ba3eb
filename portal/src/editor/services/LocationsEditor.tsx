import { useEditor } from "../context.js";
import { Checkbox, type FieldForm, SelectInput, TextArea, TextInput } from "../forms.js";
import { fieldId, getIn } from "../paths.js";
import { useReferences } from "../references.js";
import { HoursEditor } from "./HoursEditor.js";
import { emptyLocation, type LocationForm } from "./model.js";
import { PhonesEditor } from "./PhonesEditor.js";
import { TextField } from "../TextField.js";

const LOCATION_TYPES = ["PHYSICAL", "POSTAL", "VIRTUAL"];

/**
 * Where the service is given: each location with its place and address (in the active language),
 * its own phones and hours (shared by every service of the organization there), and the service's
 * phones and hours there.
 */
export function LocationsEditor({ form, locale }: { form: FieldForm; locale: string }) {
  const { i18n, locales, references } = useEditor();
  const data = useReferences(references);
  const locations = (getIn(form.values, "locations") as LocationForm[] | undefined) ?? [];
  const add = () => {
    form.set("locations", [...locations, emptyLocation(locales)]);
    const index = locations.length;
    requestAnimationFrame(() => {
      const select = document.getElementById(fieldId(`locations.${index}.place`));
      select?.scrollIntoView({ block: "center" });
      select?.focus();
    });
  };
  const remove = (index: number) => {
    if (!window.confirm(i18n.t("editor.locations.confirmRemove", { number: index + 1 }))) return;
    form.set(
      "locations",
      locations.filter((_, position) => position !== index),
    );
  };
  const placeOptions = (data?.placeOptions ?? []).map((option) => ({ value: option.value, label: option.label, depth: option.depth }));
  return (
    <div class="locations-editor">
      <Checkbox form={form} path="confidentialAddress" label={i18n.t("editor.forms.confidentialAddress")} hint={i18n.t("editor.locations.confidentialHint")} />
      {locations.length === 0 ? <p class="muted">{i18n.t("editor.locations.none")}</p> : null}
      {locations.map((location, index) => {
        const path = `locations.${index}`;
        const placeName = data?.placeName(location.place);
        return (
          <section class="location-card" key={index} aria-labelledby={`${fieldId(path)}-title`} data-path={path}>
            <h3 id={`${fieldId(path)}-title`}>
              {i18n.t("editor.forms.locationNumber", { number: index + 1 })}
              {placeName ? <span class="muted"> · {placeName}</span> : null}
            </h3>
            <SelectInput
              form={form}
              path={`${path}.place`}
              label={i18n.t("editor.forms.place")}
              options={placeOptions}
              empty={i18n.t("editor.forms.choosePlace")}
              required
            />
            <TextField form={form} path={`${path}.texts.${locale}.name`} label={i18n.t("editor.forms.locationName")} locale={locale} />
            <TextField form={form} path={`${path}.texts.${locale}.address`} label={i18n.t("editor.forms.address")} locale={locale} multiline rows={2} />
            <TextField
              form={form}
              path={`${path}.texts.${locale}.transportation`}
              label={i18n.t("editor.forms.transportation")}
              locale={locale}
              multiline
              rows={2}
            />
            <TextField
              form={form}
              path={`${path}.texts.${locale}.accessibility`}
              label={i18n.t("editor.forms.accessibility")}
              locale={locale}
              multiline
              rows={2}
            />
            <details class="more-fields">
              <summary>{i18n.t("editor.locations.moreFields")}</summary>
              <SelectInput
                form={form}
                path={`${path}.locationType`}
                label={i18n.t("editor.forms.locationType")}
                options={LOCATION_TYPES.map((type) => ({ value: type, label: i18n.t(`editor.locations.type.${type.toLowerCase()}`) }))}
              />
              <div class="field-pair">
                <TextInput form={form} path={`${path}.latitude`} label={i18n.t("editor.forms.latitude")} inputMode="decimal" dir="ltr" />
                <TextInput form={form} path={`${path}.longitude`} label={i18n.t("editor.forms.longitude")} inputMode="decimal" dir="ltr" />
              </div>
              <TextInput form={form} path={`${path}.postalCode`} label={i18n.t("editor.forms.postalCode")} dir="ltr" />
              <TextArea
                form={form}
                path={`${path}.texts.${locale}.description`}
                label={i18n.t("editor.forms.locationDescription")}
                lang={locale !== i18n.locale ? locale : undefined}
                rows={2}
              />
            </details>
            <PhonesEditor
              form={form}
              path={`${path}.locationPhones`}
              title={i18n.t("editor.locations.placePhones")}
              hint={i18n.t("editor.locations.placePhonesHint")}
            />
            <PhonesEditor form={form} path={`${path}.phones`} title={i18n.t("editor.locations.phones")} hint={i18n.t("editor.locations.phonesHint")} />
            <HoursEditor form={form} path={`${path}.schedules`} title={i18n.t("editor.locations.hours")} locale={locale} />
            <details class="more-fields" open={location.locationSchedules.length > 0}>
              <summary>{i18n.t("editor.locations.placeHours")}</summary>
              <HoursEditor form={form} path={`${path}.locationSchedules`} title={i18n.t("editor.locations.placeHoursTitle")} locale={locale} />
            </details>
            <button type="button" class="button-secondary button-danger-outline" onClick={() => remove(index)} data-action="remove-location">
              {i18n.t("editor.locations.remove", { number: index + 1 })}
            </button>
          </section>
        );
      })}
      <button type="button" class="button-secondary" onClick={add} data-action="add-location">
        {i18n.t("editor.locations.add")}
      </button>
    </div>
  );
}
