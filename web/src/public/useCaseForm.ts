// The state of the public case form, for both pages: what is typed, the errors by field, the
// anti-bot question, the counties and their enterprises, the photos, sending, and the filed case.
// The pages only lay it out (Vant on the phone, Element Plus on the desktop).

import { computed, onBeforeUnmount, reactive, ref, shallowRef, watch } from 'vue'
import { publicCaseApi, type Challenge, type FiledCase, type PublicEnterprise, type PublicRegion } from '@/api/publicCases'
import { preparePhoto } from '@/mobile/photo'
import { errorMessage } from '@/utils/problem'
import {
  PHOTO_MAX_COUNT,
  buildCaseFormData,
  buildCaseInput,
  caseSubmitErrors,
  contactRequired,
  emptyCaseForm,
  firstErrorField,
  isAnonymous,
  photoProblem,
  validateCaseForm,
  type CaseErrors,
  type CaseField,
  type CaseForm,
} from './caseForm'

export interface FormPhoto {
  key: string
  name: string
  type: string
  blob: Blob
  /** An object URL for the thumbnail. */
  url: string
}

/** A challenge older than this is fetched anew before sending (it is valid for 15 minutes). */
const CHALLENGE_FRESH_MS = 14 * 60 * 1000

let photoSeq = 0

export function useCaseForm() {
  const form = reactive<CaseForm>(emptyCaseForm())
  const errors = reactive<CaseErrors>({})
  /** An error no field carries (network, 429, a field the form does not have). */
  const formMessage = ref('')

  const challenge = ref<Challenge | null>(null)
  const challengeLoading = ref(false)
  const challengeError = ref('')
  let challengeAt = 0

  const regions = ref<PublicRegion[]>([])
  const regionsError = ref('')
  const enterprises = ref<PublicEnterprise[]>([])
  const enterprisesLoading = ref(false)

  const photos = shallowRef<FormPhoto[]>([])
  const submitting = ref(false)
  const filed = ref<FiledCase | null>(null)

  const anonymous = computed(() => isAnonymous(form))
  const needContact = computed(() => contactRequired(form))
  const regionName = computed(() => regions.value.find((r) => r.code === form.region_code)?.name ?? '')
  const enterpriseName = computed(() => enterprises.value.find((e) => e.id === form.enterprise_id)?.name ?? '')

  function clearError(field: CaseField) {
    delete errors[field]
  }

  function setErrors(next: CaseErrors) {
    for (const k of Object.keys(errors) as CaseField[]) delete errors[k]
    Object.assign(errors, next)
  }

  // A field changed: its error goes (the next submit checks again).
  const watched: [keyof CaseForm, CaseField][] = [
    ['case_type', 'case_type'],
    ['gas_category', 'gas_category'],
    ['region_code', 'region_code'],
    ['township', 'township'],
    ['enterprise_id', 'enterprise_id'],
    ['place', 'place'],
    ['lng', 'location'],
    ['user_account', 'user_account'],
    ['description', 'description'],
    ['contact_name', 'contact_name'],
    ['contact_phone', 'contact_phone'],
    ['challenge_answer', 'challenge_answer'],
  ]
  /** Fields changed by the form itself, not the person (their error stays). */
  const quiet = new Set<keyof CaseForm>()
  for (const [key, field] of watched) {
    watch(
      () => form[key],
      () => {
        if (!quiet.delete(key)) clearError(field)
      },
    )
  }
  function clearAnswerQuietly() {
    if (form.challenge_answer !== '') {
      quiet.add('challenge_answer')
      form.challenge_answer = ''
    }
  }

  // Only a report may be anonymous; an anonymous report needs no name or phone.
  watch(
    () => form.case_type,
    (t) => {
      if (t !== 'report') form.anonymous = false
    },
  )
  watch(anonymous, (a) => {
    clearError('anonymous')
    if (a) {
      clearError('contact_name')
      clearError('contact_phone')
    }
  })

  async function loadChallenge() {
    challengeLoading.value = true
    challengeError.value = ''
    try {
      challenge.value = await publicCaseApi.challenge()
      challengeAt = Date.now()
    } catch (e) {
      challenge.value = null
      challengeError.value = `验证题加载失败：${errorMessage(e)}`
    } finally {
      challengeLoading.value = false
    }
  }

  /** A new question (the answer typed goes with the old one). */
  async function refreshChallenge() {
    form.challenge_answer = ''
    await loadChallenge()
  }

  async function loadRegions() {
    regionsError.value = ''
    try {
      regions.value = await publicCaseApi.regions()
    } catch (e) {
      regionsError.value = `区县列表加载失败：${errorMessage(e)}`
    }
  }

  let enterprisesFor = ''
  watch(
    () => form.region_code,
    async (code) => {
      form.enterprise_id = null
      enterprises.value = []
      enterprisesFor = code
      if (!code) return
      enterprisesLoading.value = true
      try {
        const list = await publicCaseApi.enterprises(code)
        if (enterprisesFor === code) enterprises.value = list
      } catch {
        // Optional: without the list the person leaves the enterprise out.
      } finally {
        if (enterprisesFor === code) enterprisesLoading.value = false
      }
    },
  )

  /** Add picked pictures (scaled down when large); the reasons of those refused go under the uploader. */
  let adding: Promise<void> = Promise.resolve()
  function addPhotos(files: readonly File[]): Promise<void> {
    // One pick at a time, so that the count holds when picks overlap.
    adding = adding.then(() => addNow(files)).catch(() => {})
    return adding
  }
  async function addNow(files: readonly File[]) {
    clearError('photos')
    const problems: string[] = []
    for (const file of files) {
      if (photos.value.length >= PHOTO_MAX_COUNT) {
        problems.push(`最多上传${PHOTO_MAX_COUNT}张照片`)
        break
      }
      try {
        const p = await preparePhoto(file)
        const problem = photoProblem({ type: p.type, size: p.blob.size })
        if (problem) {
          problems.push(`${file.name}：${problem}`)
          continue
        }
        photos.value = [...photos.value, { key: `p${++photoSeq}`, ...p, url: URL.createObjectURL(p.blob) }]
      } catch (e) {
        problems.push(errorMessage(e))
      }
    }
    if (problems.length) errors.photos = problems.join('；')
  }

  function removePhoto(key: string) {
    const p = photos.value.find((x) => x.key === key)
    if (p) URL.revokeObjectURL(p.url)
    photos.value = photos.value.filter((x) => x.key !== key)
    clearError('photos')
  }

  /**
   * Check and send. Answers the field to scroll to when something is wrong (null when filed or
   * when the message is not about a field). A new question is fetched after every attempt sent.
   */
  async function submit(): Promise<{ ok: boolean; field: CaseField | null }> {
    if (submitting.value) return { ok: false, field: null }
    formMessage.value = ''
    const found = validateCaseForm(form)
    if (!challenge.value) {
      found.challenge_answer = challengeError.value || '验证题尚未加载，请点击“换一题”'
    } else if (Date.now() - challengeAt > CHALLENGE_FRESH_MS) {
      clearAnswerQuietly()
      await loadChallenge()
      found.challenge_answer = '验证题已过期，请回答新的验证题'
    }
    // Photos refused when picked were never added: their message goes.
    setErrors(found)
    if (Object.keys(found).length > 0) return { ok: false, field: firstErrorField(found) }
    const token = challenge.value?.token ?? ''
    submitting.value = true
    try {
      const body = buildCaseFormData(
        buildCaseInput(form, token),
        photos.value.map((p) => ({ blob: p.blob, name: p.name })),
      )
      filed.value = await publicCaseApi.file(body)
      return { ok: true, field: null }
    } catch (e) {
      const { fields, message } = caseSubmitErrors(e)
      setErrors(fields)
      formMessage.value = message ?? ''
      return { ok: false, field: firstErrorField(fields) }
    } finally {
      submitting.value = false
      clearAnswerQuietly()
      void loadChallenge()
    }
  }

  /** Another case: an empty form (the county and the contact kept, they are likely the same). */
  function reset() {
    const keep = { region_code: form.region_code, contact_name: form.contact_name, contact_phone: form.contact_phone }
    for (const p of photos.value) URL.revokeObjectURL(p.url)
    photos.value = []
    Object.assign(form, emptyCaseForm(), keep)
    setErrors({})
    formMessage.value = ''
    filed.value = null
  }

  function start() {
    void loadChallenge()
    void loadRegions()
  }

  onBeforeUnmount(() => {
    for (const p of photos.value) URL.revokeObjectURL(p.url)
  })

  return {
    form,
    errors,
    formMessage,
    challenge,
    challengeLoading,
    challengeError,
    regions,
    regionsError,
    regionName,
    enterprises,
    enterprisesLoading,
    enterpriseName,
    photos,
    submitting,
    filed,
    anonymous,
    needContact,
    start,
    loadRegions,
    refreshChallenge,
    addPhotos,
    removePhoto,
    clearError,
    submit,
    reset,
  }
}

export type CaseFormState = ReturnType<typeof useCaseForm>
