import { hasE164Shape, phoneNumberFrom, withoutPhoneSeparators } from "@start/db/rules";
import { useEditor } from "../context.js";
import { type FieldForm, SelectInput, TextInput } from "../forms.js";
import { fieldId, getIn } from "../paths.js";
import { emptyPhone, type PhoneForm } from "./model.js";

export const PHONE_TYPES = ["VOICE", "WHATSAPP", "SMS", "HOTLINE", "FAX"];

/**
 * The API's rule, checked before sending (START's rules, @start/db/rules): a number in
 * international form that exists in its country's numbering plan.
 */
export function checkPhones(errors: Record<string, string>, path: string, phones: PhoneForm[], t: (key: string) => string): void {
  phones.forEach((phone, index) => {
    if (phoneNumberFrom(phone.number) !== undefined) return;
    const known = !hasE164Shape(withoutPhoneSeparators(phone.number));
    errors[`${path}.${index}.number`] = t(known ? "editor.errors.invalidPhone" : "editor.errors.unknownPhone");
  });
}

/** Phone numbers (E.164, written left to right) with their type: voice, WhatsApp, SMS… */
export function PhonesEditor({ form, path, title, hint }: { form: FieldForm; path: string; title: string; hint?: string }) {
  const { i18n, locales } = useEditor();
  const phones = (getIn(form.values, path) as PhoneForm[] | undefined) ?? [];
  const add = () => {
    form.set(path, [...phones, emptyPhone(locales)]);
    const index = phones.length;
    requestAnimationFrame(() => document.getElementById(fieldId(`${path}.${index}.number`))?.focus());
  };
  const remove = (index: number) =>
    form.set(
      path,
      phones.filter((_, position) => position !== index),
    );
  return (
    <fieldset class="phones-editor" data-path={path}>
      <legend>{title}</legend>
      {hint ? <p class="hint">{hint}</p> : null}
      {phones.length === 0 ? <p class="muted">{i18n.t("editor.phones.none")}</p> : null}
      {phones.map((_, index) => (
        <div class="phone-row" role="group" aria-label={i18n.t("editor.forms.phoneNumberN", { number: index + 1 })} key={index}>
          <TextInput
            form={form}
            path={`${path}.${index}.number`}
            label={i18n.t("editor.forms.phoneNumber")}
            hint={index === 0 ? i18n.t("editor.phones.format") : undefined}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            dir="ltr"
            class="phone-number"
            required
          />
          <SelectInput
            form={form}
            path={`${path}.${index}.type`}
            label={i18n.t("editor.forms.phoneType")}
            options={PHONE_TYPES.map((type) => ({ value: type, label: i18n.enumLabel("phoneType", type) }))}
            class="phone-type"
          />
          <button
            type="button"
            class="button-secondary button-small"
            onClick={() => remove(index)}
            aria-label={i18n.t("editor.phones.remove", { number: index + 1 })}
          >
            {i18n.t("editor.common.remove")}
          </button>
        </div>
      ))}
      <button type="button" class="button-secondary" onClick={add} data-action="add-phone">
        {i18n.t("editor.forms.addPhone")}
      </button>
    </fieldset>
  );
}
