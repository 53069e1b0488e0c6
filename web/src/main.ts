import { createApp } from 'vue'
import ElementPlus, { ElMessage } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import './styles.css'
import App from './App.vue'
import { router } from './router'
import { onUnauthenticated } from './api'
import { clearSession } from './stores/session'

// A 401 anywhere means the session is gone (idle timeout, locked, logged out elsewhere).
let redirecting = false
onUnauthenticated((err) => {
  clearSession()
  const current = router.currentRoute.value
  if (current.meta.public || redirecting) return
  redirecting = true
  ElMessage.warning(err.detail)
  router
    .replace({ name: 'login', query: { redirect: current.fullPath } })
    .finally(() => {
      redirecting = false
    })
})

createApp(App).use(ElementPlus, { locale: zhCn }).use(router).mount('#app')
