package domain

import "reflect"

// Clone returns a copy of p that shares nothing a caller could change with
// it (strings aside, which cannot be changed).
func (p *Plan) Clone() *Plan {
	c := &Plan{}
	deepCopy(reflect.ValueOf(c).Elem(), reflect.ValueOf(p).Elem())
	c.Index() // the unexported indexes, made anew
	return c
}

// deepCopy sets dst to a copy of src with slices, maps and pointers copied
// too. A struct's unexported fields are copied as they are: in this package
// only Plan has any that refer to anything, and Clone makes them anew.
func deepCopy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		dst.Set(reflect.MakeSlice(src.Type(), src.Len(), src.Len()))
		for i := 0; i < src.Len(); i++ {
			deepCopy(dst.Index(i), src.Index(i))
		}
	case reflect.Map:
		if src.IsNil() {
			return
		}
		dst.Set(reflect.MakeMapWithSize(src.Type(), src.Len()))
		for it := src.MapRange(); it.Next(); {
			v := reflect.New(src.Type().Elem()).Elem()
			deepCopy(v, it.Value())
			dst.SetMapIndex(it.Key(), v)
		}
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		dst.Set(reflect.New(src.Type().Elem()))
		deepCopy(dst.Elem(), src.Elem())
	case reflect.Struct:
		dst.Set(src)
		for i := 0; i < src.NumField(); i++ {
			if dst.Field(i).CanSet() {
				deepCopy(dst.Field(i), src.Field(i))
			}
		}
	default:
		dst.Set(src)
	}
}
